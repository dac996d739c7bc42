package io.autoresponder.broker.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted password hashes, made and checked with the JDK only; checking compares in constant time. Three formats:
 * <ul>
 * <li>{@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64): this broker's own, which {@link #create} makes
 * (run this class as a program to hash a password for the config);</li>
 * <li>{@code $7$<iterations>$<salt>$<hash>}: PBKDF2-HMAC-SHA512, what Mosquitto 2's {@code mosquitto_passwd}
 * writes by default;</li>
 * <li>{@code $6$<salt>$<hash>}: one SHA-512 of password and salt, what {@code mosquitto_passwd -H sha512} and
 * Mosquitto 1.6 and earlier write. Read so existing files work; fast to guess, so rehash when you can.</li>
 * </ul>
 */
public final class PasswordHash {

    private static final String PREFIX = "pbkdf2-sha256";
    private static final String MOSQUITTO_PBKDF2 = "7";
    private static final String MOSQUITTO_SHA512 = "6";

    /** How a hash is derived from a password and its salt. */
    private enum Algorithm {
        PBKDF2_SHA256,
        /** Mosquitto {@code $7$}: PBKDF2-HMAC-SHA512 with a 64-byte key. */
        PBKDF2_SHA512,
        /** Mosquitto {@code $6$}: SHA-512 of the password's UTF-8 bytes followed by the salt. */
        SHA512
    }

    private static final int ITERATIONS = 100_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Algorithm algorithm;
    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(Algorithm algorithm, int iterations, byte[] salt, byte[] hash) {
        this.algorithm = algorithm;
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh random salt. */
    public static String create(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, ITERATIONS, "PBKDF2WithHmacSHA256", HASH_BITS);
        Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + "$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /**
     * A hash no password matches that costs as much to check as one {@link #create} makes: checked for unknown user
     * names, so they take as long as a wrong password. Random bytes stand for the hash, so making it derives
     * nothing: computing a real one took a noticeable share of the start-up.
     */
    static PasswordHash decoy() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BITS / 8];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return new PasswordHash(Algorithm.PBKDF2_SHA256, ITERATIONS, salt, hash);
    }

    /** Reads a stored hash; throws IllegalArgumentException saying what is wrong with it. */
    public static PasswordHash parse(String stored) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length == 4 && parts[0].equals(PREFIX)) {
            return new PasswordHash(Algorithm.PBKDF2_SHA256, iterations(parts[1], 1_000), base64(parts[2], "salt"),
                    base64(parts[3], "hash"));
        }
        if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals(MOSQUITTO_PBKDF2)) {
            return new PasswordHash(Algorithm.PBKDF2_SHA512, iterations(parts[2], 1), base64(parts[3], "salt"),
                    base64(parts[4], "hash"));
        }
        if (parts.length == 4 && parts[0].isEmpty() && parts[1].equals(MOSQUITTO_SHA512)) {
            return new PasswordHash(Algorithm.SHA512, 1, base64(parts[2], "salt"), base64(parts[3], "hash"));
        }
        throw new IllegalArgumentException("expected " + PREFIX + "$<iterations>$<salt>$<hash>, or a hash from "
                + "mosquitto_passwd ($7$<iterations>$<salt>$<hash> or $6$<salt>$<hash>)");
    }

    private static int iterations(String text, int minimum) {
        int iterations;
        try {
            iterations = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations must be a number, not " + text, e);
        }
        if (iterations < minimum) {
            throw new IllegalArgumentException("at least " + minimum + " iterations, not " + iterations);
        }
        return iterations;
    }

    private static byte[] base64(String text, String what) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (bytes.length == 0) {
                throw new IllegalArgumentException("the " + what + " is empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not Base64: " + e.getMessage(), e);
        }
    }

    /** Whether checking a password against this hash does the same work as against {@code other}. */
    boolean sameWorkAs(PasswordHash other) {
        return algorithm == other.algorithm && iterations == other.iterations && hash.length == other.hash.length;
    }

    /** Whether {@code password} matches; costs the same whatever the answer. */
    public boolean matches(String password) {
        byte[] derived = switch (algorithm) {
            case PBKDF2_SHA256 -> pbkdf2(password, salt, iterations, "PBKDF2WithHmacSHA256", HASH_BITS);
            case PBKDF2_SHA512 -> pbkdf2(password, salt, iterations, "PBKDF2WithHmacSHA512", hash.length * 8);
            case SHA512 -> sha512(password, salt);
        };
        return MessageDigest.isEqual(hash, derived);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PasswordHash <password>");
            System.exit(2);
        }
        System.out.println(create(args[0]));
    }

    // The JDK's PBKDF2 turns the password's chars into UTF-8 bytes, as mosquitto_passwd hashes them.
    private static byte[] pbkdf2(String password, byte[] salt, int iterations, String algorithm, int bits) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private static byte[] sha512(String password, byte[] salt) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            digest.update(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(salt);
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-512 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return algorithm.name().toLowerCase(java.util.Locale.ROOT) + " hash"; // never print the hash itself
    }

}
