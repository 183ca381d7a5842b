package dev.countersign.executor.domain;

import java.security.SecureRandom;
import java.util.Base64;

/** Webhook ids ({@code msg_} + 128 random bits, URL-safe): unique per execution, stable across its retries. */
public final class WebhookIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookIds() {
    }

    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
