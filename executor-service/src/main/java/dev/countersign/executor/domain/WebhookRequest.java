package dev.countersign.executor.domain;

import dev.countersign.contracts.webhook.WebhookHeaders;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One signed webhook request, fixed for all of its attempts: the same {@code webhook-id}, the same body
 * (byte-identical on every attempt), one trace; only the signature's timestamp and the span change per attempt.
 * Built by {@link DeliveryPlanner} for an execution ({@link Delivery}) and for a dry run alike, so both pass the
 * same checks and carry the same headers.
 */
public record WebhookRequest(String webhookId, URI url, String body, WebhookSigner signer, DeliveryPolicy policy,
        Traceparent trace, AuthHeader auth) {

    /**
     * The headers of one attempt signed at {@code timestamp} (epoch seconds). The credential header is never a
     * reserved name ({@link AuthHeader#resolve}), so it cannot replace the signature or framing headers.
     */
    public Map<String, String> headers(long timestamp, String userAgent) {
        Map<String, String> headers = shownHeaders(timestamp, userAgent);
        headers.put(WebhookHeaders.SIGNATURE, signer.sign(webhookId, timestamp, body));
        headers.put(WebhookHeaders.TRACEPARENT, trace.nextHeader());
        if (auth != null) {
            headers.put(auth.name(), auth.value());
        }
        return headers;
    }

    /**
     * The headers a dry run may show (DESIGN §2 {@code would_send}: no secrets): {@code content-type},
     * {@code user-agent}, {@code webhook-id}, {@code webhook-timestamp}. Left out, because they are secret or made
     * per attempt: {@code webhook-signature}, the credential header of {@code execution.auth}, {@code traceparent}.
     */
    public Map<String, String> shownHeaders(long timestamp, String userAgent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", userAgent);
        headers.put(WebhookHeaders.ID, webhookId);
        headers.put(WebhookHeaders.TIMESTAMP, Long.toString(timestamp));
        return headers;
    }

    @Override
    public String toString() {
        // the body holds the proposal's parameters and the auth header a credential: the id only
        return "WebhookRequest[" + webhookId + "]";
    }
}
