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
 * Standard Webhooks v1 signatures: {@code v1,<base64 HMAC-SHA256>} over {@code "<id>.<timestamp>.<body>"}, keyed
 * with the base64-decoded part of a {@code whsec_} secret. One entry per active secret, space separated, so a
 * receiver holding either the old or the new secret verifies during a rotation.
 */
public final class WebhookSigner {
    private static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final List<byte[]> keys;

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
