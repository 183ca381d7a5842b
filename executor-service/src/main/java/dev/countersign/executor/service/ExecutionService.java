package dev.countersign.executor.service;

import dev.countersign.kit.vertx.EventLoop;
import dev.countersign.contracts.events.ExecutionAttempted;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.internal.ActionVersion;
import dev.countersign.contracts.webhook.WebhookHeaders;
import dev.countersign.executor.client.DefinitionNotFoundException;
import dev.countersign.executor.client.Destinations;
import dev.countersign.executor.client.EmailSender;
import dev.countersign.executor.client.RegistryClient;
import dev.countersign.executor.client.WebhookClient;
import dev.countersign.executor.config.DeliveryConfig;
import dev.countersign.executor.domain.AttemptResult;
import dev.countersign.executor.domain.Backoff;
import dev.countersign.executor.domain.Delivery;
import dev.countersign.executor.domain.DeliveryPlanner;
import dev.countersign.executor.domain.DeliveryPolicy;
import dev.countersign.executor.domain.EmailMessage;
import dev.countersign.executor.domain.ErrorCodes;
import dev.countersign.executor.domain.Outcome;
import dev.countersign.executor.domain.ResponseClassifier;
import dev.countersign.executor.persistence.ExecutionEntity;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.egress.EgressPolicy;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Executes approved proposals: one execution record per proposal (exactly once), delivered as a signed webhook
 * at least once with a stable {@code webhook-id} (DESIGN §3, §5, §6). Every attempt and the final outcome are
 * committed together with their events ({@link ExecutionStore}), so the approved event is acknowledged only once
 * the result is durable; a redelivered approved event finds the record and does not act again. What may be
 * delivered and how an answer is judged are domain rules ({@link DeliveryPlanner}, {@link ResponseClassifier},
 * {@link Backoff}); this class sequences them.
 */
@ApplicationScoped
public class ExecutionService {
    private final ExecutionStore store;
    private final RegistryClient registry;
    private final WebhookClient webhooks;
    private final EmailSender email;
    private final Destinations destinations;
    private final EgressPolicy egress;
    private final DeliveryConfig config;
    private final String userAgent;
    private final SecureRandom random = new SecureRandom();

    ExecutionService(ExecutionStore store, RegistryClient registry, WebhookClient webhooks, EmailSender email,
            Destinations destinations, EgressPolicy egress, DeliveryConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0") String version) {
        this.store = store;
        this.registry = registry;
        this.webhooks = webhooks;
        this.email = email;
        this.destinations = destinations;
        this.egress = egress;
        this.config = config;
        this.userAgent = WebhookHeaders.USER_AGENT_PREFIX + version;
    }

    /** The execution record of {@code proposalId} in {@code tenant}; another tenant's is not found. */
    public Uni<ExecutionEntity> find(String tenant, String proposalId) {
        return store.find(tenant, proposalId).map(record -> {
            if (record == null) {
                throw DomainException.notFound("execution not found");
            }
            return record;
        });
    }

    /**
     * Applies an approved proposal. Completes when the execution record is final (or was already final);
     * fails only for transient reasons (database, registry, another copy of this handler having changed the
     * record that is still delivering), so the event is retried and resumes with the same webhook id.
     * Called on the event's Vert.x context, to which every step returns before touching the database.
     */
    public Uni<Void> execute(ProposalApproved approved) {
        // resolution runs on a worker, backoff and deadlines on timer threads: every step returns to the event loop
        Executor context = EventLoop.ofCurrentContext();
        return store.open(approved).flatMap(record -> {
            if (record.state.isFinal()) {
                Log.debugf("execution of %s is already %s; redelivery ignored", record.proposalId,
                        record.state.value());
                return Uni.createFrom().voidItem();
            }
            return registry.fetch(approved.tenant(), approved.assistant(), approved.action(), approved.actionVersion())
                    .emitOn(context)
                    .onItemOrFailure().transformToUni((version, failure) -> {
                        if (failure instanceof DefinitionNotFoundException) {
                            return fail(approved, record, ErrorCodes.DEFINITION_NOT_FOUND, "Version "
                                    + approved.actionVersion() + " of action " + approved.action() + " does not exist.");
                        }
                        if (failure != null) {
                            return Uni.createFrom().failure(failure);
                        }
                        return start(approved, record, version, context);
                    });
        });
    }

    private Uni<Void> start(ProposalApproved approved, ExecutionEntity record, ActionVersion version,
            Executor context) {
        if (EmailMessage.isEmail(version.definition().execution())) {
            return startEmail(approved, record, version, context);
        }
        DeliveryPlanner.Plan plan = DeliveryPlanner.plan(approved, version, record.webhookId, record.createdAt,
                egress, config, random);
        if (plan instanceof DeliveryPlanner.Refused refused) {
            return fail(approved, record, refused.code(), refused.message());
        }
        Delivery delivery = ((DeliveryPlanner.Ready) plan).delivery();
        if (record.attempts >= delivery.policy().maxAttempts()) {
            // resumed after a crash that happened right after the last non-final attempt was recorded
            return finish(delivery, record.attempts, null, new Outcome.Failed(record.httpStatus,
                    ErrorCodes.RETRIES_EXHAUSTED, "No attempts left after " + record.attempts + " attempt(s)."),
                    record.attempts);
        }
        return attempt(delivery, record.attempts + 1, context);
    }

    private Uni<Void> attempt(Delivery d, int attempt, Executor context) {
        long started = System.nanoTime();
        return destinations.resolve(d.url().getHost()).emitOn(context).flatMap(resolution -> {
            if (resolution.refusal() != null) {
                // checked at every call (DESIGN §4/§6): the name may now point somewhere forbidden
                return finish(d, attempt - 1, null, new Outcome.Failed(null, ErrorCodes.EGRESS_REFUSED,
                        resolution.refusal()), attempt - 1);
            }
            Uni<AttemptResult> sent = resolution.address() == null
                    ? Uni.createFrom().item(new AttemptResult.Unresolvable(resolution.unresolvable()))
                    : webhooks.post(d.url(), resolution.address(), d.headers(Instant.now().getEpochSecond(), userAgent),
                            d.body().getBytes(StandardCharsets.UTF_8), d.policy().timeoutMs(),
                            config.maxResponseBytes());
            return sent.emitOn(context).flatMap(result -> {
                long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
                Outcome outcome = ResponseClassifier.classify(result, Instant.now());
                ExecutionAttempted attempted = new ExecutionAttempted(d.approved().proposalId(), d.approved().tenant(),
                        attempt, outcome.httpStatus(), durationMs, errorCode(outcome));
                if (outcome instanceof Outcome.Retry retry) {
                    if (attempt >= d.policy().maxAttempts()) {
                        return finish(d, attempt - 1, attempted, new Outcome.Failed(retry.httpStatus(), retry.code(),
                                "Gave up after " + attempt + " attempt(s): " + retry.message()), attempt);
                    }
                    Duration wait = Backoff.after(d.policy(), attempt, retry.retryAfter(), random);
                    return store.recordAttempt(d.webhookId(), attempted).flatMap(recorded -> recorded
                            ? pause(wait).emitOn(context).flatMap(v -> attempt(d, attempt + 1, context))
                            : lostRace(d.approved(), "recording attempt " + attempt));
                }
                return finish(d, attempt - 1, attempted, outcome, attempt);
            });
        });
    }

    /**
     * The built-in {@code email} kind: the parameters are validated (invalid → failed, nothing sent, not retried),
     * then sent over SMTP with the definition's timeout and retry policy; 4xx replies, connection errors and
     * timeouts are retried like a webhook's 5xx, 5xx replies fail at once. Resumes from the stored attempt count.
     */
    private Uni<Void> startEmail(ProposalApproved approved, ExecutionEntity record, ActionVersion version,
            Executor context) {
        EmailMessage.Parsed parsed = EmailMessage.parse(approved.parameters());
        if (parsed instanceof EmailMessage.Invalid invalid) {
            return fail(approved, record, invalid.code(), invalid.message());
        }
        EmailMessage message = ((EmailMessage.Valid) parsed).message();
        DeliveryPolicy policy = DeliveryPolicy.of(version.definition().execution(), config);
        if (record.attempts >= policy.maxAttempts()) {
            return finish(approved, record.webhookId, record.attempts, null, new Outcome.Failed(record.httpStatus,
                    ErrorCodes.RETRIES_EXHAUSTED, "No attempts left after " + record.attempts + " attempt(s)."),
                    record.attempts);
        }
        return sendEmail(approved, record.webhookId, message, policy, record.attempts + 1, context);
    }

    private Uni<Void> sendEmail(ProposalApproved approved, String webhookId, EmailMessage message,
            DeliveryPolicy policy, int attempt, Executor context) {
        long started = System.nanoTime();
        return email.send(message, policy.timeoutMs()).emitOn(context).flatMap(outcome -> {
            long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
            ExecutionAttempted attempted = new ExecutionAttempted(approved.proposalId(), approved.tenant(), attempt,
                    null, durationMs, errorCode(outcome));
            if (outcome instanceof Outcome.Retry retry) {
                if (attempt >= policy.maxAttempts()) {
                    return finish(approved, webhookId, attempt - 1, attempted, new Outcome.Failed(null, retry.code(),
                            "Gave up after " + attempt + " attempt(s): " + retry.message()), attempt);
                }
                Duration wait = Backoff.after(policy, attempt, retry.retryAfter(), random);
                return store.recordAttempt(webhookId, attempted).flatMap(recorded -> recorded
                        ? pause(wait).emitOn(context)
                                .flatMap(v -> sendEmail(approved, webhookId, message, policy, attempt + 1, context))
                        : lostRace(approved, "recording attempt " + attempt));
            }
            return finish(approved, webhookId, attempt - 1, attempted, outcome, attempt);
        });
    }

    private Uni<Void> fail(ProposalApproved approved, ExecutionEntity record, String code, String message) {
        return finish(approved, record.webhookId, record.attempts, null, new Outcome.Failed(null, code, message),
                record.attempts);
    }

    private Uni<Void> finish(Delivery d, int expected, ExecutionAttempted attempted, Outcome outcome, int attempts) {
        return finish(d.approved(), d.webhookId(), expected, attempted, outcome, attempts);
    }

    private Uni<Void> finish(ProposalApproved approved, String webhookId, int expected, ExecutionAttempted attempted,
            Outcome outcome, int attempts) {
        return store.finish(approved, webhookId, expected, attempted, outcome, attempts).flatMap(done -> {
            if (!done) {
                return lostRace(approved, "recording its outcome");
            }
            Log.infof("execution of %s (%s v%d) %s after %d attempt(s)%s", approved.proposalId(), approved.action(),
                    approved.actionVersion(), outcome instanceof Outcome.Succeeded ? "succeeded" : "failed", attempts,
                    outcome instanceof Outcome.Failed f ? ": " + f.code() : "");
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * A change was refused: another copy of this handler (a rebalance, a redelivery) moved the record on. If that
     * copy finished it, its final event is written and this one stops (the message is acknowledged). If the record
     * is still delivering, stopping here would strand it should the other copy die, so this fails transiently:
     * the intake retries the event, which resumes from the stored record with the same webhook id.
     */
    private Uni<Void> lostRace(ProposalApproved approved, String step) {
        return store.find(approved.tenant(), approved.proposalId()).flatMap(current -> {
            if (current != null && current.state.isFinal()) {
                Log.infof("execution of %s was finished elsewhere (%s) while %s; this delivery stops",
                        approved.proposalId(), current.state.value(), step);
                return Uni.createFrom().voidItem();
            }
            // the intake logs the failure (ids only) when it schedules the retry
            return Uni.createFrom().failure(new ExecutionRaceLostException(approved.proposalId(), step));
        });
    }

    // Full jitter can pick zero, which Mutiny's delay refuses.
    private static Uni<Void> pause(Duration wait) {
        return wait.isZero() || wait.isNegative() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
    }

    private static String errorCode(Outcome outcome) {
        if (outcome instanceof Outcome.Retry r) {
            return r.code();
        }
        if (outcome instanceof Outcome.Failed f) {
            return f.code();
        }
        return null;
    }
}
