package dev.countersign.registry.domain;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.events.ActionRetired;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.egress.EgressPolicy;
import dev.countersign.kit.egress.EgressRefusedException;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import dev.countersign.kit.messaging.Outbox;
import dev.countersign.kit.messaging.OutboxEvent;
import dev.countersign.kit.messaging.OutboxRelay;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.registry.persistence.ActionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Creates, versions and retires definitions. Each change and its {@code countersign.actions} event are
 * committed in one transaction (outbox), keyed {@code tenant/assistant/action} on the compacted topic.
 */
@ApplicationScoped
public class ActionService {
    private final Pool pool;
    private final ActionRepository repository;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final DefinitionValidator validator;
    private final EgressPolicy egress;
    private final SigningKeys signingKeys;
    private final Credentials credentials;

    ActionService(Pool pool, ActionRepository repository, Outbox outbox, OutboxRelay relay, EgressPolicy egress,
            SigningKeys signingKeys, Credentials credentials) {
        this.signingKeys = signingKeys;
        this.credentials = credentials;
        this.pool = pool;
        this.repository = repository;
        this.outbox = outbox;
        this.relay = relay;
        this.validator = new DefinitionValidator(egress);
        this.egress = egress;
    }

    /** A stored version and, on creation only, the signing keys to show once. */
    public record Saved(ActionDefinition definition, SigningSecrets.Generated keys) {
    }

    /** Key of an action on the compacted topic. */
    public static String key(String tenant, String assistant, String name) {
        return tenant + "/" + assistant + "/" + name;
    }

    /** Stores version 1 of a new action with fresh signing keys; 409 if the action exists. */
    public Uni<Saved> create(ActionDefinition input, String actor) {
        return save(input, actor, true, head -> {
            if (head != null) {
                throw new ProblemException(409, "already_exists", "Already exists", "Action "
                        + key(input.tenant(), input.assistant(), input.name()) + " exists; PUT it to publish a new version.");
            }
            return 1;
        });
    }

    /** Publishes version n+1 of an existing action (which also reactivates a retired one). */
    public Uni<Saved> update(ActionDefinition input, String actor) {
        return save(input, actor, false, head -> {
            if (head == null) {
                throw ProblemException.notFound("action not found");
            }
            return head.latestVersion() + 1;
        });
    }

    // Validates (every problem at once), then writes the version, the head, new keys if asked, and the
    // published event in one transaction under the head's row lock.
    private Uni<Saved> save(ActionDefinition input, String actor, boolean issueKeys,
            Function<ActionRepository.Head, Integer> nextVersion) {
        return problems(input).flatMap(errors -> {
            if (!errors.isEmpty()) {
                throw ProblemException.invalid("The action definition has " + errors.size() + " problem(s).", errors);
            }
            return pool.withTransaction(tx -> repository.lockHead(tx, input.tenant(), input.assistant(), input.name())
                    .flatMap(head -> {
                        ActionDefinition stored = stamp(input, nextVersion.apply(head));
                        return repository.insertVersion(tx, stored, actor)
                                .flatMap(v -> repository.upsertHead(tx, stored.tenant(), stored.assistant(),
                                        stored.name(), stored.version(), "active"))
                                .flatMap(v -> issueKeys
                                        ? signingKeys.issue(tx, stored.tenant(), stored.assistant(), stored.name())
                                        : Uni.createFrom().<SigningSecrets.Generated>nullItem())
                                .flatMap(keys -> outbox.add(tx, published(stored)).map(v -> new Saved(stored, keys)));
                    }));
        }).invoke(relay::wake);
    }

    /** The static problems of {@code input} and those that need I/O (DNS, the credential store), together. */
    private Uni<List<FieldError>> problems(ActionDefinition input) {
        List<FieldError> errors = validator.validate(input);
        boolean urlFormOk = errors.stream().noneMatch(e -> e.path().equals("execution.url"));
        return Uni.combine().all().unis(urlFormOk ? checkDestination(input) : Uni.createFrom().item(List.<FieldError>of()),
                        checkCredential(input)).asTuple()
                .map(checks -> {
                    List<FieldError> all = new ArrayList<>(errors);
                    all.addAll(checks.getItem1());
                    all.addAll(checks.getItem2());
                    return all;
                });
    }

    /** Retires an action: no new proposals; its versions stay readable. */
    public Uni<Void> retire(String tenant, String assistant, String name) {
        return pool.withTransaction(tx -> repository.lockHead(tx, tenant, assistant, name)
                .flatMap(head -> {
                    if (head == null) {
                        throw ProblemException.notFound("action not found");
                    }
                    if ("retired".equals(head.status())) {
                        return Uni.createFrom().voidItem();
                    }
                    var event = new OutboxEvent(UUID.randomUUID().toString(), EventTypes.ACTION_RETIRED,
                            key(tenant, assistant, name), key(tenant, assistant, name),
                            new ActionRetired(tenant, assistant, name, head.latestVersion()));
                    return repository.upsertHead(tx, tenant, assistant, name, head.latestVersion(), "retired")
                            .flatMap(v -> outbox.add(tx, event));
                }))
                .invoke(relay::wake);
    }

    /**
     * Refuses a webhook host that resolves to a forbidden address now. A name that does not resolve yet is
     * accepted: the executor checks the address it connects to at every call anyway (DESIGN §6).
     */
    private Uni<List<FieldError>> checkDestination(ActionDefinition input) {
        if (input.execution() == null || input.execution().url() == null) {
            return Uni.createFrom().item(List.of());
        }
        String host = java.net.URI.create(input.execution().url()).getHost();
        return Uni.createFrom().item(() -> {
            try {
                egress.resolve(host);
            } catch (EgressRefusedException e) {
                if (!EgressRefusedException.UNRESOLVABLE.equals(e.code())) {
                    return List.of(new FieldError("execution.url", e.code(), e.getMessage()));
                }
            }
            return List.<FieldError>of();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A referenced outbound credential must exist when the definition is saved. */
    private Uni<List<FieldError>> checkCredential(ActionDefinition input) {
        if (input.execution() == null || input.execution().auth() == null
                || input.execution().auth().credential() == null) {
            return Uni.createFrom().item(List.of());
        }
        String name = input.execution().auth().credential();
        return credentials.exists(input.tenant(), name).map(exists -> exists ? List.<FieldError>of()
                : List.of(new FieldError("execution.auth.credential", "unknown_credential", "There is no credential "
                        + "named '" + name + "'; PUT /v1/credentials/" + input.tenant() + "/" + name + " first.")));
    }

    private static ActionDefinition stamp(ActionDefinition d, int version) {
        return new ActionDefinition(d.tenant(), d.assistant(), d.name(), d.displayName(), d.description(),
                d.parameters(), d.parametersSchema(), d.approval(), d.execution(), d.rateLimits(), version, "active",
                ParameterSchemaCompiler.compile(d), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static OutboxEvent published(ActionDefinition d) {
        String key = key(d.tenant(), d.assistant(), d.name());
        return new OutboxEvent(UUID.randomUUID().toString(), EventTypes.ACTION_PUBLISHED, key, key, d);
    }
}
