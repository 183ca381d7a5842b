package dev.countersign.executor.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.actions.Execution;
import dev.countersign.contracts.actions.OutboundAuth;
import dev.countersign.contracts.events.ErrorInfo;
import dev.countersign.contracts.events.ExecutionAttempted;
import dev.countersign.contracts.events.ExecutionFailed;
import dev.countersign.contracts.events.ExecutionSucceeded;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.webhook.WebhookHeaders;
import dev.countersign.executor.client.ActionVersion;
import dev.countersign.executor.client.ActionVersions;
import dev.countersign.executor.client.DefinitionNotFoundException;
import dev.countersign.executor.client.WebhookClient;
import dev.countersign.executor.config.DeliveryConfig;
import dev.countersign.executor.persistence.ExecutionRecord;
import dev.countersign.executor.persistence.ExecutionRepository;
import dev.countersign.kit.egress.EgressPolicy;
import dev.countersign.kit.egress.EgressRefusedException;
import dev.countersign.kit.messaging.Outbox;
import dev.countersign.kit.messaging.OutboxEvent;
import dev.countersign.kit.messaging.OutboxRelay;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Executes approved proposals: one execution record per proposal (exactly once), delivered as a signed webhook
 * at least once with a stable {@code webhook-id} (DESIGN §3, §5, §6). Every attempt and the final outcome are
 * committed together with their events (outbox), so the approved event is acknowledged only once the result
 * is durable; a redelivered approved event finds the record and does not act again.
 */
@ApplicationScoped
public class ExecutionService {
    private static final String WEBHOOK_KIND = "webhook";

    private final Pool pool;
    private final ExecutionRepository repository;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ActionVersions versions;
    private final WebhookClient webhooks;
    private final EgressPolicy egress;
    private final DeliveryConfig config;
    private final String userAgent;
    private final SecureRandom random = new SecureRandom();

    ExecutionService(Pool pool, ExecutionRepository repository, Outbox outbox, OutboxRelay relay,
            ActionVersions versions, WebhookClient webhooks, EgressPolicy egress, DeliveryConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0") String version) {
        this.pool = pool;
        this.repository = repository;
        this.outbox = outbox;
        this.relay = relay;
        this.versions = versions;
        this.webhooks = webhooks;
        this.egress = egress;
        this.config = config;
        this.userAgent = WebhookHeaders.USER_AGENT_PREFIX + version;
    }

    private static final String DEFAULT_AUTH_HEADER = "Authorization";

    /** Everything one delivery needs, fixed for all of its attempts. */
    private record Delivery(ProposalApproved approved, String webhookId, URI url, String body, WebhookSigner signer,
            DeliveryPolicy policy, Traceparent trace, AuthHeader auth) {
    }

    /** The outbound credential as a header; only ever put on the request, so its value is kept out of toString. */
    private record AuthHeader(String name, String value) {
        @Override
        public String toString() {
            return "AuthHeader[" + name + "]";
        }
    }

    /** Either the header to send or why none can be (a definition problem, an error code and message). */
    private record AuthResolution(AuthHeader header, String code, String message) {
    }

    /**
     * Applies an approved proposal. Completes when the execution record is final (or was already final);
     * fails only for transient reasons (database, registry, another copy of this handler having changed the
     * record that is still delivering), so the event is retried and resumes with the same webhook id.
     */
    public Uni<Void> execute(ProposalApproved approved) {
        return pool.withTransaction(tx -> repository.createOrGet(tx, approved.tenant(), approved.proposalId(),
                        WebhookIds.newId(), approved.action(), approved.actionVersion()))
                .flatMap(record -> {
                    if (record.state().isFinal()) {
                        Log.debugf("execution of %s is already %s; redelivery ignored", record.proposalId(),
                                record.state().value());
                        return Uni.createFrom().voidItem();
                    }
                    return versions.get(approved.tenant(), approved.assistant(), approved.action(),
                                    approved.actionVersion())
                            .onItemOrFailure().transformToUni((version, failure) -> {
                                if (failure instanceof DefinitionNotFoundException) {
                                    return fail(approved, record, record.attempts(), null,
                                            ErrorCodes.DEFINITION_NOT_FOUND, "Version " + approved.actionVersion()
                                                    + " of action " + approved.action() + " does not exist.");
                                }
                                if (failure != null) {
                                    return Uni.createFrom().failure(failure);
                                }
                                return start(approved, record, version);
                            });
                });
    }

    private Uni<Void> start(ProposalApproved approved, ExecutionRecord record, ActionVersion version) {
        ActionDefinition definition = version.definition();
        Execution execution = definition.execution();
        String kind = execution == null || execution.kind() == null ? WEBHOOK_KIND : execution.kind();
        if (!WEBHOOK_KIND.equals(kind)) {
            return fail(approved, record, record.attempts(), null, ErrorCodes.UNSUPPORTED_EXECUTION_KIND,
                    "Execution kind '" + kind + "' is not supported by this executor.");
        }
        if (execution == null || execution.url() == null || execution.url().isBlank()) {
            return fail(approved, record, record.attempts(), null, ErrorCodes.INVALID_DEFINITION,
                    "The definition has no execution.url.");
        }
        WebhookSigner signer;
        try {
            signer = new WebhookSigner(version.signingSecrets(), version.privateKeys());
        } catch (IllegalArgumentException e) {
            return fail(approved, record, record.attempts(), null, ErrorCodes.NO_SIGNING_SECRET,
                    "The action has no usable signing secret (" + e.getMessage() + "); unsigned webhooks are never sent.");
        }
        AuthResolution auth = authHeader(execution.auth(), version);
        if (auth.code() != null) {
            return fail(approved, record, record.attempts(), null, auth.code(), auth.message());
        }
        List<FieldError> problems = egress.checkUrl(execution.url(), "execution.url");
        if (!problems.isEmpty()) {
            return fail(approved, record, record.attempts(), null, ErrorCodes.EGRESS_REFUSED, problems.get(0).message());
        }
        String body = toJson(WebhookPayloads.execute(approved, record.createdAt().toInstant()));
        if (body.getBytes(StandardCharsets.UTF_8).length > config.maxRequestBytes()) {
            return fail(approved, record, record.attempts(), null, ErrorCodes.REQUEST_TOO_LARGE,
                    "The webhook body exceeds " + config.maxRequestBytes() + " bytes.");
        }
        DeliveryPolicy policy = DeliveryPolicy.of(execution, config);
        Delivery delivery = new Delivery(approved, record.webhookId(), URI.create(execution.url()), body, signer, policy,
                Traceparent.newTrace(random), auth.header());
        if (record.attempts() >= policy.maxAttempts()) {
            // resumed after a crash that happened right after the last non-final attempt was recorded
            return fail(approved, record, record.attempts(), record.httpStatus(), ErrorCodes.RETRIES_EXHAUSTED,
                    "No attempts left after " + record.attempts() + " attempt(s).");
        }
        return attempt(delivery, record.attempts() + 1);
    }

    /**
     * The header carrying the credential {@code auth} names ({@code <header>: [<scheme> ]<value>}), none without
     * {@code auth}, or the reason it cannot be sent. Messages name the credential and header, never the value.
     */
    private static AuthResolution authHeader(OutboundAuth auth, ActionVersion version) {
        if (auth == null) {
            return new AuthResolution(null, null, null);
        }
        String header = auth.header() == null || auth.header().isBlank() ? DEFAULT_AUTH_HEADER : auth.header().trim();
        if (!WebhookHeaders.validName(header)) {
            return new AuthResolution(null, ErrorCodes.INVALID_DEFINITION,
                    "execution.auth.header is not a valid HTTP header name.");
        }
        if (WebhookHeaders.reserved(header)) {
            return new AuthResolution(null, ErrorCodes.INVALID_DEFINITION, "execution.auth.header '" + header
                    + "' would replace a header the executor sets itself.");
        }
        String value = version.credential(auth.credential());
        if (value == null || value.isEmpty()) {
            return new AuthResolution(null, ErrorCodes.CREDENTIAL_MISSING, "The credential '" + auth.credential()
                    + "' named in execution.auth is not available from the registry; nothing was sent.");
        }
        String scheme = auth.scheme() == null ? "" : auth.scheme().trim();
        String headerValue = scheme.isEmpty() ? value : scheme + " " + value;
        if (!sendable(headerValue)) {
            // Vert.x would refuse it with an exception, and a CR/LF must never split the request anyway
            return new AuthResolution(null, ErrorCodes.CREDENTIAL_INVALID, "The credential '" + auth.credential()
                    + "' or execution.auth.scheme contains characters a header value cannot carry.");
        }
        return new AuthResolution(new AuthHeader(header, headerValue), null, null);
    }

    // A header value: visible ASCII/obs-text, space and tab only (RFC 9110 field-value), no control characters.
    private static boolean sendable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    private Uni<Void> attempt(Delivery d, int attempt) {
        long started = System.nanoTime();
        return resolve(d.url().getHost()).flatMap(resolution -> {
            if (resolution.refusal() != null) {
                // checked at every call (DESIGN §4/§6): the name may now point somewhere forbidden
                return finish(d, attempt - 1, null, new Outcome.Failed(null, ErrorCodes.EGRESS_REFUSED,
                        resolution.refusal()), null);
            }
            Uni<AttemptResult> sent = resolution.address() == null
                    ? Uni.createFrom().item(new AttemptResult.Unresolvable(resolution.unresolvable()))
                    : webhooks.post(d.url(), resolution.address(), headers(d), d.body().getBytes(StandardCharsets.UTF_8),
                            d.policy().timeoutMs(), config.maxResponseBytes());
            return sent.flatMap(result -> {
                long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
                Outcome outcome = ResponseClassifier.classify(result, Instant.now());
                ExecutionAttempted attempted = new ExecutionAttempted(d.approved().proposalId(), d.approved().tenant(),
                        attempt, outcome.httpStatus(), durationMs, outcome instanceof Outcome.Succeeded ? null
                                : code(outcome));
                if (outcome instanceof Outcome.Retry retry) {
                    if (attempt >= d.policy().maxAttempts()) {
                        return finish(d, attempt - 1, attempted, new Outcome.Failed(retry.httpStatus(), retry.code(),
                                "Gave up after " + attempt + " attempt(s): " + retry.message()), attempt);
                    }
                    Duration wait = Backoff.after(d.policy(), attempt, retry.retryAfter(), random);
                    return recordAttempt(d, attempted).flatMap(recorded -> recorded
                            ? pause(wait).flatMap(v -> attempt(d, attempt + 1))
                            : lostRace(d.approved(), "recording attempt " + attempt));
                }
                return finish(d, attempt - 1, attempted, outcome, attempt);
            });
        });
    }

    // Full jitter can pick zero, which Mutiny's delay refuses.
    private static Uni<Void> pause(Duration wait) {
        return wait.isZero() || wait.isNegative() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
    }

    /** The result of resolving a host: an address to connect to, a refusal, or a DNS failure. */
    private record Resolution(InetAddress address, String refusal, String unresolvable) {
    }

    // InetAddress resolution blocks: never on the event loop.
    private Uni<Resolution> resolve(String host) {
        return Uni.createFrom().item(() -> {
            try {
                return new Resolution(egress.resolve(host), null, null);
            } catch (EgressRefusedException e) {
                return EgressRefusedException.UNRESOLVABLE.equals(e.code()) ? new Resolution(null, null, e.getMessage())
                        : new Resolution(null, e.getMessage(), null);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Map<String, String> headers(Delivery d) {
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", userAgent);
        headers.put(WebhookHeaders.ID, d.webhookId());
        headers.put(WebhookHeaders.TIMESTAMP, Long.toString(timestamp));
        headers.put(WebhookHeaders.SIGNATURE, d.signer().sign(d.webhookId(), timestamp, d.body()));
        headers.put(WebhookHeaders.TRACEPARENT, d.trace().nextHeader());
        if (d.auth() != null) {
            // never a reserved name (checked in start), so it cannot replace the signature or framing headers
            headers.put(d.auth().name(), d.auth().value());
        }
        return headers;
    }

    private Uni<Boolean> recordAttempt(Delivery d, ExecutionAttempted attempted) {
        return pool.withTransaction(tx -> repository.recordAttempt(tx, d.approved().tenant(), d.approved().proposalId(),
                        attempted.attempt(), attempted.httpStatus())
                .flatMap(recorded -> recorded
                        ? outbox.add(tx, attemptedEvent(d.webhookId(), attempted)).replaceWith(true)
                        : Uni.createFrom().item(false)))
                .invoke(recorded -> {
                    if (recorded) {
                        relay.wake();
                    }
                });
    }

    /**
     * Commits the final state, the last attempt (if one was made) and the final event in one transaction.
     *
     * @param expected attempts recorded before this one; {@code attempts} the total (null: no new attempt)
     */
    private Uni<Void> finish(Delivery d, int expected, ExecutionAttempted attempted, Outcome outcome, Integer attempts) {
        return finish(d.approved(), d.webhookId(), expected, attempted, outcome, attempts == null ? expected : attempts);
    }

    private Uni<Void> fail(ProposalApproved approved, ExecutionRecord record, int attempts, Integer httpStatus,
            String code, String message) {
        return finish(approved, record.webhookId(), record.attempts(), null,
                new Outcome.Failed(httpStatus, code, message), attempts);
    }

    private Uni<Void> finish(ProposalApproved approved, String webhookId, int expected, ExecutionAttempted attempted,
            Outcome outcome, int attempts) {
        ExecutionState state = outcome instanceof Outcome.Succeeded ? ExecutionState.SUCCEEDED : ExecutionState.FAILED;
        Object finalData;
        ObjectNode result = Json.mapper().createObjectNode();
        if (outcome instanceof Outcome.Succeeded s) {
            finalData = new ExecutionSucceeded(approved.proposalId(), approved.tenant(), attempts, s.httpStatus(),
                    s.message(), s.data());
            if (s.message() != null) {
                result.put("message", s.message());
            }
            if (s.data() != null) {
                result.set("data", s.data());
            }
        } else {
            Outcome.Failed f = (Outcome.Failed) outcome;
            ErrorInfo error = new ErrorInfo(f.code(), f.message());
            finalData = new ExecutionFailed(approved.proposalId(), approved.tenant(), attempts, f.httpStatus(), error);
            result.set("error", Json.mapper().valueToTree(error));
        }
        return pool.withTransaction(tx -> repository.finish(tx, approved.tenant(), approved.proposalId(), state,
                        expected, attempts, outcome.httpStatus(), result.toString())
                .flatMap(done -> {
                    if (!done) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> attemptEvent = attempted == null ? Uni.createFrom().voidItem()
                            : outbox.add(tx, attemptedEvent(webhookId, attempted));
                    String type = state == ExecutionState.SUCCEEDED ? EventTypes.EXECUTION_SUCCEEDED
                            : EventTypes.EXECUTION_FAILED;
                    return attemptEvent.flatMap(v -> add(tx, webhookId + ":" + state.value(), type, approved.proposalId(),
                            finalData)).replaceWith(true);
                }))
                .flatMap(done -> {
                    if (!done) {
                        return lostRace(approved, "recording its " + state.value() + " outcome");
                    }
                    relay.wake();
                    Log.infof("execution of %s (%s v%d) %s after %d attempt(s)%s", approved.proposalId(),
                            approved.action(), approved.actionVersion(), state.value(), attempts,
                            outcome instanceof Outcome.Failed f ? ": " + f.code() : "");
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * A conditional update found the record changed by another copy of this handler (a rebalance, a
     * redelivery). If that copy finished it, its final event is written and this one stops (the message is
     * acknowledged). If the record is still delivering, stopping here would strand it should the other copy
     * die, so this fails transiently: the intake retries the event, which resumes from the stored record with
     * the same webhook id.
     */
    private Uni<Void> lostRace(ProposalApproved approved, String step) {
        return repository.find(approved.tenant(), approved.proposalId()).flatMap(current -> {
            if (current != null && current.state().isFinal()) {
                Log.infof("execution of %s was finished elsewhere (%s) while %s; this delivery stops",
                        approved.proposalId(), current.state().value(), step);
                return Uni.createFrom().voidItem();
            }
            // the intake logs the failure (ids only) when it schedules the retry
            return Uni.createFrom().failure(new ExecutionRaceLostException(approved.proposalId(), step));
        });
    }

    private OutboxEvent attemptedEvent(String webhookId, ExecutionAttempted attempted) {
        // deterministic ids: an event re-added in a retried transaction is deduplicated by the outbox
        return new OutboxEvent(webhookId + ":attempt:" + attempted.attempt(), EventTypes.EXECUTION_ATTEMPTED,
                attempted.proposalId(), attempted.proposalId(), attempted);
    }

    private Uni<Void> add(SqlClient tx, String id, String type, String proposalId, Object data) {
        return outbox.add(tx, new OutboxEvent(id, type, proposalId, proposalId, data));
    }

    private static String code(Outcome outcome) {
        if (outcome instanceof Outcome.Retry r) {
            return r.code();
        }
        if (outcome instanceof Outcome.Failed f) {
            return f.code();
        }
        return null;
    }

    private static String toJson(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("webhook payload is not serialisable", e);
        }
    }
}
