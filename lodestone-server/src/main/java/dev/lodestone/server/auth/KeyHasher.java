package dev.lodestone.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Tenant key secrets: generated with a CSPRNG, stored only as SHA-256 (keys are random, so no salt is needed). */
public final class KeyHasher {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyHasher() {
    }

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new secret: prefix + 32 random bytes as hex. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "lsk_" + HexFormat.of().formatHex(bytes);
    }

    /** A new publishable key: visible in shop pages by design, so marked as such ("pk_"). */
    public static String newPublishableSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "pk_" + HexFormat.of().formatHex(bytes);
    }

    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
