package dev.countersign.executor.domain;

import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.webhook.WebhookHeaders;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one delivery needs, fixed for all of its attempts: the same {@code webhook-id}, the same body
 * (byte-identical on every attempt), one trace; only the signature's timestamp and the span change per attempt.
 * Built by {@link DeliveryPlanner}.
 */
public record Delivery(ProposalApproved approved, String webhookId, URI url, String body, WebhookSigner signer,
        DeliveryPolicy policy, Traceparent trace, AuthHeader auth) {

    /**
     * The headers of one attempt signed at {@code timestamp} (epoch seconds). The credential header is never a
     * reserved name ({@link AuthHeader#resolve}), so it cannot replace the signature or framing headers.
     */
    public Map<String, String> headers(long timestamp, String userAgent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", userAgent);
        headers.put(WebhookHeaders.ID, webhookId);
        headers.put(WebhookHeaders.TIMESTAMP, Long.toString(timestamp));
        headers.put(WebhookHeaders.SIGNATURE, signer.sign(webhookId, timestamp, body));
        headers.put(WebhookHeaders.TRACEPARENT, trace.nextHeader());
        if (auth != null) {
            headers.put(auth.name(), auth.value());
        }
        return headers;
    }

    @Override
    public String toString() {
        // the body holds the proposal's parameters and the auth header a credential: ids only
        return "Delivery[" + approved.proposalId() + ", " + webhookId + "]";
    }
}
