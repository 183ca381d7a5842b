package dev.countersign.executor.service;

import dev.countersign.contracts.events.DryRunCompleted;
import dev.countersign.contracts.events.DryRunRequested;
import dev.countersign.contracts.events.DryRunResult;
import dev.countersign.contracts.internal.ActionVersion;
import dev.countersign.contracts.webhook.WebhookHeaders;
import dev.countersign.contracts.webhook.WebhookTypes;
import dev.countersign.executor.client.DefinitionNotFoundException;
import dev.countersign.executor.client.Destinations;
import dev.countersign.executor.client.EmailSender;
import dev.countersign.executor.client.RegistryClient;
import dev.countersign.executor.client.WebhookClient;
import dev.countersign.executor.config.DeliveryConfig;
import dev.countersign.executor.domain.DeliveryPlanner;
import dev.countersign.executor.domain.DryRunOutcomes;
import dev.countersign.executor.domain.DryRunStyle;
import dev.countersign.executor.domain.EmailMessage;
import dev.countersign.executor.domain.LiteralAddress;
import dev.countersign.executor.domain.ResponseClassifier;
import dev.countersign.executor.domain.WebhookIds;
import dev.countersign.executor.domain.WebhookPayloads;
import dev.countersign.executor.domain.WebhookRequest;
import dev.countersign.kit.egress.EgressPolicy;
import dev.countersign.kit.vertx.EventLoop;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers {@code dryrun.requested} with {@code dryrun.completed} (DESIGN §2, §5), in the style the pinned
 * version's {@code execution.dry_run} names ({@link DryRunStyle}):
 * <ul>
 * <li>{@code simulate} (default): the request an execution would send, built through the same checks
 * ({@link DeliveryPlanner}), with no network call at all;</li>
 * <li>{@code endpoint}: one signed POST with {@code "type": "action.dry_run"} and a {@code dryrun_} webhook id,
 * egress-checked like an execution, within the execution's timeout and body limits; the endpoint's answer is the
 * outcome.</li>
 * </ul>
 * A dry run never creates an execution record and never sends {@code action.execute}. Whatever goes wrong with the
 * dry run itself is an outcome ({@code ok: false}); only a registry or database outage fails the handler (the
 * intake retries it), and the one endpoint call is bounded by the timeout, so a dry run cannot stall the partition.
 */
@ApplicationScoped
public class DryRunService {
    private final DryRunStore store;
    private final RegistryClient registry;
    private final WebhookClient webhooks;
    private final EmailSender email;
    private final Destinations destinations;
    private final EgressPolicy egress;
    private final DeliveryConfig config;
    private final String userAgent;
    private final SecureRandom random = new SecureRandom();

    DryRunService(DryRunStore store, RegistryClient registry, WebhookClient webhooks, EmailSender email,
            Destinations destinations,
            EgressPolicy egress, DeliveryConfig config,
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

    /**
     * Runs the dry run requested by event {@code eventId} (sent at {@code eventTime}, may be null) unless it was
     * answered already, and commits its answer. Called on the event's Vert.x context.
     */
    public Uni<Void> dryRun(String eventId, OffsetDateTime eventTime, DryRunRequested requested) {
        Executor context = EventLoop.ofCurrentContext();
        return store.answered(eventId).flatMap(answered -> {
            if (answered) {
                Log.debugf("dry run %s of %s was answered already; redelivery ignored", eventId,
                        requested.proposalId());
                return Uni.createFrom().voidItem();
            }
            // the body's timestamp is the request's, so a redelivered request carries the same body
            Instant timestamp = eventTime == null ? Instant.now() : eventTime.toInstant();
            return registry.fetch(requested.tenant(), requested.assistant(), requested.action(),
                            requested.actionVersion())
                    .emitOn(context)
                    .onItemOrFailure().transformToUni((version, failure) -> {
                        if (failure instanceof DefinitionNotFoundException) {
                            return Uni.createFrom().item(DryRunOutcomes.impossible("Version "
                                    + requested.actionVersion() + " of action " + requested.action()
                                    + " does not exist."));
                        }
                        if (failure != null) {
                            return Uni.createFrom().<DryRunResult>failure(failure);
                        }
                        return run(eventId, requested, version, timestamp, context);
                    })
                    // the endpoint's answer arrives on another thread: back to the event loop for the database
                    .emitOn(context)
                    .flatMap(result -> complete(eventId, requested, result));
        });
    }

    private Uni<DryRunResult> run(String eventId, DryRunRequested requested, ActionVersion version,
            Instant timestamp, Executor context) {
        Optional<DryRunStyle> style = DryRunStyle.of(version.definition().execution());
        if (style.isEmpty()) {
            return Uni.createFrom().item(DryRunOutcomes.impossible("execution.dry_run '"
                    + version.definition().execution().dryRun()
                    + "' is not a dry-run style this executor knows (simulate, endpoint)."));
        }
        if (EmailMessage.isEmail(version.definition().execution())) {
            // built-in kind: always simulated (DryRunStyle), with the same parameter checks as an execution
            EmailMessage.Parsed parsed = EmailMessage.parse(requested.parameters());
            if (parsed instanceof EmailMessage.Invalid invalid) {
                return Uni.createFrom().item(DryRunOutcomes.simulationRefused(invalid.message()));
            }
            return Uni.createFrom().item(DryRunOutcomes.simulatedEmail(((EmailMessage.Valid) parsed).message(),
                    email.serverUrl(), email.from()));
        }
        boolean simulate = style.get() == DryRunStyle.SIMULATE;
        // stable for the same parameters, so a repeated dry run keeps its id; never an execution's msg_ id
        String webhookId = WebhookIds.dryRun(requested.tenant(), requested.proposalId(),
                requested.parametersDigest() != null ? requested.parametersDigest() : eventId);
        // a simulation shows what an execution would send; the endpoint is told it is only a dry run
        String type = simulate ? WebhookTypes.EXECUTE : WebhookTypes.DRY_RUN;
        DeliveryPlanner.Prepared prepared = DeliveryPlanner.prepare(version, webhookId,
                WebhookPayloads.dryRun(type, requested, timestamp), egress, config, random);
        if (prepared instanceof DeliveryPlanner.Refused refused) {
            return Uni.createFrom().item(simulate ? DryRunOutcomes.simulationRefused(refused.message())
                    : DryRunOutcomes.endpointRefused(refused.message()));
        }
        WebhookRequest request = ((DeliveryPlanner.Built) prepared).request();
        return simulate ? Uni.createFrom().item(simulate(request)) : callEndpoint(request, context);
    }

    // No network call at all: not even DNS. A host written as an address is checked as an execution would check
    // it; a name is resolved and checked only when an execution calls it.
    private DryRunResult simulate(WebhookRequest request) {
        Optional<String> refusal = LiteralAddress.of(request.url().getHost()).flatMap(egress::refusal);
        if (refusal.isPresent()) {
            return DryRunOutcomes.simulationRefused("The host " + request.url().getHost() + " is a "
                    + refusal.get() + " address, which is not allowed.");
        }
        return DryRunOutcomes.simulated(request, Instant.now().getEpochSecond(), userAgent);
    }

    // One attempt (no retries): the approver is waiting, and the partition must not be held through a backoff
    // schedule. Bounded by the execution's timeout; every failure is an outcome.
    private Uni<DryRunResult> callEndpoint(WebhookRequest request, Executor context) {
        return destinations.resolve(request.url().getHost()).emitOn(context).flatMap(resolution -> {
            if (resolution.refusal() != null) {
                return Uni.createFrom().item(DryRunOutcomes.endpointRefused(resolution.refusal()));
            }
            if (resolution.address() == null) {
                return Uni.createFrom().item(DryRunOutcomes.impossible("The dry-run endpoint could not be "
                        + "reached: " + resolution.unresolvable()));
            }
            return webhooks.post(request.url(), resolution.address(),
                            request.headers(Instant.now().getEpochSecond(), userAgent),
                            request.body().getBytes(StandardCharsets.UTF_8), request.policy().timeoutMs(),
                            config.maxResponseBytes())
                    .map(result -> DryRunOutcomes.answered(ResponseClassifier.classify(result, Instant.now())));
        });
    }

    private Uni<Void> complete(String eventId, DryRunRequested requested, DryRunResult result) {
        DryRunCompleted completed = new DryRunCompleted(requested.proposalId(), requested.tenant(), result.outcome(),
                result.ok(), requested.parametersDigest());
        return store.complete(eventId, completed).invoke(first -> {
            if (first) {
                Log.infof("dry run of %s (%s v%d) completed: ok=%s", requested.proposalId(), requested.action(),
                        requested.actionVersion(), result.ok());
            } else {
                Log.infof("dry run %s of %s was answered elsewhere meanwhile", eventId, requested.proposalId());
            }
        }).replaceWithVoid();
    }
}
