package dev.countersign.executor.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.actions.Execution;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.internal.ActionVersion;
import dev.countersign.contracts.webhook.WebhookPayload;
import dev.countersign.executor.config.DeliveryConfig;
import dev.countersign.kit.egress.EgressPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Decides, before anything is sent, whether an approved proposal (or a dry run of one) can be delivered with the
 * definition version the registry answered (DESIGN §5, §6): a webhook execution with a URL the egress policy
 * allows, a usable signing secret, the credential its {@code execution.auth} names, a body within the limit.
 * Either the request or the error code and message the execution fails with.
 */
public final class DeliveryPlanner {
    private static final String WEBHOOK_KIND = "webhook";

    private DeliveryPlanner() {
    }

    /** A delivery that can start, or why the execution fails without an attempt. */
    public sealed interface Plan {
    }

    /** The delivery can start. */
    public record Ready(Delivery delivery) implements Plan {
    }

    /** The request cannot be sent ({@code code}, one of {@link ErrorCodes}); nothing is sent. */
    public record Refused(String code, String message) implements Plan, Prepared {
    }

    /** A signed request that may be sent, or why none can be. */
    public sealed interface Prepared {
    }

    /** The request can be sent. */
    public record Built(WebhookRequest request) implements Prepared {
    }

    /**
     * The plan for {@code approved}, pinned to {@code version}, with the record's stable {@code webhookId} and its
     * creation time {@code createdAt} (the body's {@code timestamp}).
     */
    public static Plan plan(ProposalApproved approved, ActionVersion version, String webhookId, Instant createdAt,
            EgressPolicy egress, DeliveryConfig config, RandomGenerator random) {
        Prepared prepared = prepare(version, webhookId, WebhookPayloads.execute(approved, createdAt), egress, config,
                random);
        if (prepared instanceof Refused refused) {
            return refused;
        }
        return new Ready(new Delivery(approved, ((Built) prepared).request()));
    }

    /**
     * The signed request carrying {@code payload} to the webhook of {@code version}, or why it cannot be sent. An
     * execution and a dry run go through exactly these checks, so a dry run shows what an execution would meet.
     */
    public static Prepared prepare(ActionVersion version, String webhookId, WebhookPayload payload,
            EgressPolicy egress, DeliveryConfig config, RandomGenerator random) {
        ActionDefinition definition = version.definition();
        Execution execution = definition.execution();
        String kind = execution == null || execution.kind() == null ? WEBHOOK_KIND : execution.kind();
        if (!WEBHOOK_KIND.equals(kind)) {
            return new Refused(ErrorCodes.UNSUPPORTED_EXECUTION_KIND,
                    "Execution kind '" + kind + "' is not supported by this executor.");
        }
        if (execution == null || execution.url() == null || execution.url().isBlank()) {
            return new Refused(ErrorCodes.INVALID_DEFINITION, "The definition has no execution.url.");
        }
        WebhookSigner signer;
        try {
            signer = new WebhookSigner(version.signingSecrets(), version.privateKeys());
        } catch (IllegalArgumentException e) {
            return new Refused(ErrorCodes.NO_SIGNING_SECRET, "The action has no usable signing secret ("
                    + e.getMessage() + "); unsigned webhooks are never sent.");
        }
        AuthHeader.Resolution auth = AuthHeader.resolve(execution.auth(),
                execution.auth() == null ? null : version.credential(execution.auth().credential()));
        if (auth.refused()) {
            return new Refused(auth.code(), auth.message());
        }
        List<FieldError> problems = egress.checkUrl(execution.url(), "execution.url");
        if (!problems.isEmpty()) {
            return new Refused(ErrorCodes.EGRESS_REFUSED, problems.get(0).message());
        }
        String body = toJson(payload);
        if (body.getBytes(StandardCharsets.UTF_8).length > config.maxRequestBytes()) {
            return new Refused(ErrorCodes.REQUEST_TOO_LARGE,
                    "The webhook body exceeds " + config.maxRequestBytes() + " bytes.");
        }
        return new Built(new WebhookRequest(webhookId, URI.create(execution.url()), body, signer,
                DeliveryPolicy.of(execution, config), Traceparent.newTrace(random), auth.header()));
    }

    private static String toJson(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload is not serialisable", e);
        }
    }
}
