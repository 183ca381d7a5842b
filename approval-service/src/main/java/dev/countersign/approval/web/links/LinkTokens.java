package dev.countersign.approval.web.links;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.approval.domain.Decision;
import dev.countersign.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies one-time link tokens: {@code v1.<payload>.<signature>}, the payload the base64url of a small
 * JSON object with the {@link LinkClaims}, the signature the base64url HMAC-SHA256 of {@code v1.<payload>} under
 * the configured secret. Verification compares in constant time and reads nothing it has not authenticated, so a
 * garbled or forged token is just "no such link". Pure Java.
 */
public final class LinkTokens {
    /** The fewest characters a link secret may have (256 bits of base64 or hex text is more). */
    public static final int MIN_SECRET_LENGTH = 32;
    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public LinkTokens(String secret) {
        if (secret == null || secret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("countersign.approval.links.secret must be set to a random value of at "
                    + "least " + MIN_SECRET_LENGTH + " characters (it signs the one-time approval links).");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The token for {@code claims}. */
    public String sign(LinkClaims claims) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("l", claims.linkId());
        payload.put("t", claims.tenant());
        payload.put("p", claims.proposalId());
        payload.put("a", claims.approver());
        payload.put("d", claims.decision().wire());
        payload.put("g", claims.digest());
        payload.put("e", claims.expiresAt().getEpochSecond());
        String signed = VERSION + "." + ENCODER.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return signed + "." + ENCODER.encodeToString(mac(signed));
    }

    /** The claims of {@code token} when this secret signed it; empty for anything garbled or forged. */
    public Optional<LinkClaims> verify(String token) {
        if (token == null || token.length() > 4096) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        if (last < 0 || !token.startsWith(VERSION + ".")) {
            return Optional.empty();
        }
        String signed = token.substring(0, last);
        // Compared as text: base64 ignores a last character's spare bits, so comparing decoded bytes would let
        // several spellings of one token through.
        byte[] expected = ENCODER.encodeToString(mac(signed)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            JsonNode payload = Json.mapper().readTree(DECODER.decode(signed.substring(VERSION.length() + 1)));
            Decision decision = switch (payload.path("d").asText()) {
                case "approve" -> Decision.APPROVE;
                case "deny" -> Decision.DENY;
                default -> null;
            };
            if (decision == null || !payload.path("e").canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new LinkClaims(text(payload, "l"), text(payload, "t"), text(payload, "p"),
                    text(payload, "a"), decision, text(payload, "g"),
                    Instant.ofEpochSecond(payload.path("e").asLong())));
        } catch (Exception e) {
            // Signed by us but unreadable: only possible with a changed format; treat as no link.
            return Optional.empty();
        }
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asText();
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
