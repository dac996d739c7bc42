package io.autoresponder.support.fuzz;

import java.util.List;
import java.util.SplittableRandom;

import io.autoresponder.support.wire.Wire;

/**
 * Structure-blind mutations of seed inputs, as a hostile client makes them: bit flips, bytes set to boundary
 * values, cuts, inserted and repeated slices, a remaining-length field blown up, splices of two seeds. Seeded, so a
 * run is reproducible from its seed.
 */
public final class Mutator {

    private static final byte[] INTERESTING = { 0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xC0, 0x10, 0x30,
            (byte) 0xE0, (byte) 0xF0, '/', '+', '#', '$' };

    private final List<byte[]> seeds;
    private final SplittableRandom random;

    public Mutator(List<byte[]> seeds, long seed) {
        this.seeds = List.copyOf(seeds);
        this.random = new SplittableRandom(seed);
    }

    /** A new input: one seed with one to four mutations, or now and then plain random bytes. */
    public byte[] next() {
        if (random.nextInt(20) == 0) {
            byte[] noise = new byte[1 + random.nextInt(64)];
            random.nextBytes(noise);
            return noise;
        }
        byte[] input = seeds.get(random.nextInt(seeds.size())).clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            input = mutate(input);
        }
        return input;
    }

    private byte[] mutate(byte[] input) {
        if (input.length == 0) {
            return new byte[] { (byte) random.nextInt(256) };
        }
        int at = random.nextInt(input.length);
        switch (random.nextInt(8)) {
            case 0 -> input[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> input[at] = INTERESTING[random.nextInt(INTERESTING.length)];
            case 2 -> {
                return slice(input, 0, at);
            }
            case 3 -> {
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                return Wire.concat(slice(input, 0, at), inserted, slice(input, at, input.length));
            }
            case 4 -> {
                int end = Math.min(input.length, at + 1 + random.nextInt(16));
                return Wire.concat(slice(input, 0, end), slice(input, at, end), slice(input, end, input.length));
            }
            case 5 -> {
                int end = Math.min(input.length, at + 1 + random.nextInt(16));
                return Wire.concat(slice(input, 0, at), slice(input, end, input.length));
            }
            case 6 -> {
                // A remaining length of continuation bytes: the decoder must refuse it, not wait for it.
                if (input.length > 1) {
                    input[1] = (byte) 0xFF;
                    if (input.length > 2) {
                        input[2] = (byte) (0x80 | random.nextInt(128));
                    }
                }
            }
            default -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                return Wire.concat(slice(input, 0, at), slice(other, from, other.length));
            }
        }
        return input;
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

}
