package dev.countersign.registry.domain;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Generates Standard Webhooks keys: a v1 secret ({@code whsec_} + base64 of 32 random bytes) and a v1a Ed25519
 * pair, {@code whsk_} + base64(seed || public key) (the libsodium layout) and {@code whpk_} + base64(public key).
 */
public final class SigningSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningSecrets() {
    }

    /** One key generation: the v1 secret and the v1a pair. */
    public record Generated(String keyId, String secret, String privateKey, String publicKey) {
        @Override
        public String toString() {
            return "Generated[" + keyId + "]";
        }
    }

    public static Generated generate() {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM", e);
        }
        // The raw keys are the trailing 32 bytes of the standard X.509 / PKCS#8 encodings.
        byte[] x509 = pair.getPublic().getEncoded();
        byte[] publicKey = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        byte[] libsodium = new byte[64];
        System.arraycopy(seed, 0, libsodium, 0, 32);
        System.arraycopy(publicKey, 0, libsodium, 32, 32);
        return new Generated(newKeyId(), newSecret(), "whsk_" + Base64.getEncoder().encodeToString(libsodium),
                "whpk_" + Base64.getEncoder().encodeToString(publicKey));
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
