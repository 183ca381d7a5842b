package dev.countersign.executor.domain;

import dev.countersign.contracts.events.DryRunRequested;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.webhook.WebhookContext;
import dev.countersign.contracts.webhook.WebhookPayload;
import dev.countersign.contracts.webhook.WebhookTypes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Builds the webhook body of DESIGN §5 from an approved proposal, or from a dry-run request. */
public final class WebhookPayloads {

    private WebhookPayloads() {
    }

    /**
     * The {@code action.execute} body: the effective {@code parameters} and, in {@code context.approval}, the
     * approval receipt exactly as the approval service issued it (absent when the event has none), so the
     * signature covers it. {@code timestamp} is when the execution record was created, so the body is
     * byte-identical on every attempt and after a crash (only the signature's timestamp changes).
     */
    public static WebhookPayload execute(ProposalApproved approved, Instant timestamp) {
        return new WebhookPayload(WebhookTypes.EXECUTE, timestamp.truncatedTo(ChronoUnit.SECONDS),
                approved.proposalId(), approved.action(), approved.actionVersion(),
                approved.parameters() == null ? Map.of() : approved.parameters(),
                new WebhookContext(approved.tenant(), approved.assistant(), approved.conversationId(), approved.user(),
                        approved.trigger(), approved.decidedBy(), approved.approval()));
    }

    /**
     * The body of a dry run of {@code requested}: {@code type} is {@link WebhookTypes#EXECUTE} for a simulation
     * (what an execution would send) and {@link WebhookTypes#DRY_RUN} for a call to the endpoint. Nobody has
     * decided yet, so {@code context} has no {@code decided_by} and no {@code approval}.
     */
    public static WebhookPayload dryRun(String type, DryRunRequested requested, Instant timestamp) {
        return new WebhookPayload(type, timestamp.truncatedTo(ChronoUnit.SECONDS), requested.proposalId(),
                requested.action(), requested.actionVersion(),
                requested.parameters() == null ? Map.of() : requested.parameters(),
                new WebhookContext(requested.tenant(), requested.assistant(), requested.conversationId(),
                        requested.user(), requested.trigger(), null, null));
    }
}
