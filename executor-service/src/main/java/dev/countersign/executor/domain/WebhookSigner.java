package dev.countersign.executor.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures over {@code "<id>.<timestamp>.<body>"}: {@code v1,<base64 HMAC-SHA256>} keyed with
 * the base64-decoded part of a {@code whsec_} secret, and {@code v1a,<base64 Ed25519>} with a {@code whsk_} key
 * (libsodium layout: seed || public key). One entry per active key, space separated, so a receiver holding
 * either the old or the new key verifies during a rotation.
 */
public final class WebhookSigner {
    private static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private static final String ASYMMETRIC_PREFIX = "whsk_";
    // RFC 8410 PKCS#8 header for a raw 32-byte Ed25519 seed.
    private static final byte[] PKCS8_ED25519 = java.util.HexFormat.of().parseHex("302e020100300506032b657004220420");

    private final List<byte[]> keys;
    private final List<java.security.PrivateKey> ed25519 = new ArrayList<>();

    /**
     * Keys from {@code whsec_...} secrets (the prefix is optional, as in the reference libraries).
     *
     * @throws IllegalArgumentException if there is no secret or one is not valid base64; the message never
     *         contains the secret
     */
    public WebhookSigner(List<String> secrets) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("no signing secret");
        }
        List<byte[]> decoded = new ArrayList<>(secrets.size());
        for (int i = 0; i < secrets.size(); i++) {
            decoded.add(decode(secrets.get(i), i));
        }
        this.keys = List.copyOf(decoded);
    }

    /** Signs with v1 secrets and, when given, v1a private keys ({@code whsk_...}). */
    public WebhookSigner(List<String> secrets, List<String> privateKeys) {
        this(secrets);
        for (int i = 0; i < privateKeys.size(); i++) {
            ed25519.add(privateKey(privateKeys.get(i), i));
        }
    }

    /** The {@code webhook-signature} header value for one delivery attempt. */
    public String sign(String id, long timestampSeconds, String body) {
        byte[] content = (id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder();
        for (byte[] key : keys) {
            if (!header.isEmpty()) {
                header.append(' ');
            }
            header.append("v1,").append(Base64.getEncoder().encodeToString(hmac(key, content)));
        }
        for (java.security.PrivateKey key : ed25519) {
            header.append(" v1a,").append(Base64.getEncoder().encodeToString(ed25519(key, content)));
        }
        return header.toString();
    }

    private static byte[] decode(String secret, int index) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("signing secret #" + index + " is empty");
        }
        String material = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(material);
        } catch (IllegalArgumentException e) {
            // do not chain e: its message could quote the secret's characters
            throw new IllegalArgumentException("signing secret #" + index + " is not valid base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("signing secret #" + index + " is empty");
        }
        return key;
    }

    private static java.security.PrivateKey privateKey(String encoded, int index) {
        String material = encoded != null && encoded.startsWith(ASYMMETRIC_PREFIX)
                ? encoded.substring(ASYMMETRIC_PREFIX.length()) : encoded;
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(material == null ? "" : material);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signing key #" + index + " is not valid base64");
        }
        if (raw.length != 32 && raw.length != 64) {
            throw new IllegalArgumentException("signing key #" + index + " is not an Ed25519 key");
        }
        byte[] pkcs8 = java.util.Arrays.copyOf(PKCS8_ED25519, PKCS8_ED25519.length + 32);
        System.arraycopy(raw, 0, pkcs8, PKCS8_ED25519.length, 32);
        try {
            return java.security.KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("signing key #" + index + " is not an Ed25519 key");
        }
    }

    private static byte[] ed25519(java.security.PrivateKey key, byte[] content) {
        try {
            var signature = java.security.Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(content);
            return signature.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(content);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
