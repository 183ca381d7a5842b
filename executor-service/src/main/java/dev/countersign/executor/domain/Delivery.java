package dev.countersign.executor.domain;

import dev.countersign.contracts.events.ProposalApproved;
import java.net.URI;
import java.util.Map;

/**
 * Everything one execution's delivery needs: the approved proposal and its signed {@link WebhookRequest}, fixed
 * for all attempts. Built by {@link DeliveryPlanner}.
 */
public record Delivery(ProposalApproved approved, WebhookRequest request) {

    public String webhookId() {
        return request.webhookId();
    }

    public URI url() {
        return request.url();
    }

    public String body() {
        return request.body();
    }

    public DeliveryPolicy policy() {
        return request.policy();
    }

    /** The headers of one attempt signed at {@code timestamp} (epoch seconds); see {@link WebhookRequest#headers}. */
    public Map<String, String> headers(long timestamp, String userAgent) {
        return request.headers(timestamp, userAgent);
    }

    @Override
    public String toString() {
        // the body holds the proposal's parameters and the auth header a credential: ids only
        return "Delivery[" + approved.proposalId() + ", " + request.webhookId() + "]";
    }
}
