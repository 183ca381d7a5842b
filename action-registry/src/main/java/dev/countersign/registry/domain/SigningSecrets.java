package dev.countersign.registry.domain;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates Standard Webhooks v1 signing secrets: {@code whsec_} + base64 of 32 random bytes. */
public final class SigningSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningSecrets() {
    }

    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** A short public id of a key, so rotations can be told apart without revealing the secret. */
    public static String newKeyId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return "key_" + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
