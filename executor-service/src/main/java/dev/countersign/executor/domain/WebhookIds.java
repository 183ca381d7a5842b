package dev.countersign.executor.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Webhook ids. An execution's is {@code msg_} + 128 random bits (URL-safe): unique per execution, stable across
 * its retries. A dry run's is {@code dryrun_} + 128 bits derived from what it runs, so it never equals an
 * execution's and a repeated dry run of the same parameters keeps the same id (a receiver can dedupe it).
 */
public final class WebhookIds {
    /** Prefix of every dry run's webhook id. */
    public static final String DRY_RUN_PREFIX = "dryrun_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The webhook id of the dry run of proposal {@code proposalId} in {@code tenant} with {@code parametersDigest}
     * (the request's event id when it carries no digest): {@code dryrun_} + the first 128 bits of the SHA-256 of
     * those, URL-safe base64. Hashed, because a proposal id may hold characters a header value cannot.
     */
    public static String dryRun(String tenant, String proposalId, String parametersDigest) {
        String material = tenant + '\u0000' + proposalId + '\u0000' + parametersDigest;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return DRY_RUN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
