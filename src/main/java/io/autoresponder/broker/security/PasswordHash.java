package io.autoresponder.broker.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted password hashes, {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (Base64), made and checked with the
 * JDK's PBKDF2 only. Checking compares in constant time. Run as a program to hash a password for the config.
 */
public final class PasswordHash {

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int ITERATIONS = 100_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh random salt. */
    public static String create(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, ITERATIONS);
        Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + "$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    /** Reads a stored hash; throws IllegalArgumentException saying what is wrong with it. */
    public static PasswordHash parse(String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("expected " + PREFIX + "$<iterations>$<salt>$<hash>");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1_000) {
                throw new IllegalArgumentException("at least 1000 iterations, not " + iterations);
            }
            return new PasswordHash(iterations, Base64.getDecoder().decode(parts[2]), Base64.getDecoder().decode(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations must be a number, not " + parts[1], e);
        }
    }

    /** Whether {@code password} matches; costs the same whatever the answer. */
    public boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PasswordHash <password>");
            System.exit(2);
        }
        System.out.println(create(args[0]));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return PREFIX + " hash"; // never print the hash itself
    }

}
