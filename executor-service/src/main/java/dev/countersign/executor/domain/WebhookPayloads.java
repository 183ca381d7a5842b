package dev.countersign.executor.domain;

import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.webhook.WebhookContext;
import dev.countersign.contracts.webhook.WebhookPayload;
import dev.countersign.contracts.webhook.WebhookTypes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Builds the webhook body of DESIGN §5 from an approved proposal. */
public final class WebhookPayloads {

    private WebhookPayloads() {
    }

    /**
     * The {@code action.execute} body. {@code timestamp} is when the execution record was created, so the body
     * is byte-identical on every attempt and after a crash (only the signature's timestamp changes).
     */
    public static WebhookPayload execute(ProposalApproved approved, Instant timestamp) {
        return new WebhookPayload(WebhookTypes.EXECUTE, timestamp.truncatedTo(ChronoUnit.SECONDS),
                approved.proposalId(), approved.action(), approved.actionVersion(),
                approved.parameters() == null ? Map.of() : approved.parameters(),
                new WebhookContext(approved.tenant(), approved.assistant(), approved.conversationId(), approved.user(),
                        approved.trigger(), approved.decidedBy()));
    }
}
