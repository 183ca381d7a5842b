package dev.countersign.registry.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM encryption of secrets at rest. The associated data binds each ciphertext to the row it belongs
 * to, so a ciphertext copied to another action does not decrypt.
 */
public final class SecretCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String activeId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /** {@code entries} are {@code id:base64(32 bytes)}; the first is used to encrypt. */
    public SecretCipher(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("countersign.registry.master-keys is empty: configure at least one "
                    + "id:base64(32 random bytes) master key");
        }
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("a master key must look like id:base64, got an entry without id");
            }
            byte[] key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            if (key.length != 32) {
                throw new IllegalArgumentException("master key " + entry.substring(0, colon) + " must be 32 bytes");
            }
            keys.put(entry.substring(0, colon).trim(), new SecretKeySpec(key, "AES"));
        }
        activeId = keys.keySet().iterator().next();
    }

    /** A ciphertext with the id of the master key and the nonce used. */
    public record Sealed(String masterKeyId, byte[] nonce, byte[] ciphertext) {
    }

    public Sealed seal(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new Sealed(activeId, nonce, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String open(Sealed sealed, String associatedData) {
        SecretKeySpec key = keys.get(sealed.masterKeyId());
        if (key == null) {
            throw new IllegalStateException("master key " + sealed.masterKeyId() + " is not configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret does not decrypt (wrong master key or tampered row)", e);
        }
    }
}
