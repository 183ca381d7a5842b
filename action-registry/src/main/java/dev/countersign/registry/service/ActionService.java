package dev.countersign.registry.service;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.events.ActionRetired;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.contracts.internal.ActionVersion;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.egress.EgressPolicy;
import dev.countersign.kit.egress.EgressRefusedException;
import dev.countersign.kit.messaging.Outbox;
import dev.countersign.kit.messaging.OutboxEvent;
import dev.countersign.kit.persistence.Transactions;
import dev.countersign.registry.domain.ActionId;
import dev.countersign.registry.domain.DefinitionValidator;
import dev.countersign.registry.domain.Definitions;
import dev.countersign.registry.domain.SigningSecrets;
import dev.countersign.registry.domain.ToolExporter;
import dev.countersign.registry.persistence.ActionEntity;
import dev.countersign.registry.persistence.ActionRepository;
import dev.countersign.registry.persistence.ActionVersionEntity;
import dev.countersign.registry.persistence.ActionVersionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Creates, versions, retires and reads definitions. Each change and its {@code countersign.actions} event are
 * committed in one transaction (outbox), keyed {@code tenant/assistant/action} on the compacted topic; versions
 * are numbered under the head row's lock.
 */
@ApplicationScoped
public class ActionService {
    /** Most actions one tools document lists. */
    static final int MAX_TOOLS = 500;

    private final Transactions transactions;
    private final Outbox outbox;
    private final ActionRepository heads;
    private final ActionVersionRepository versions;
    private final SigningKeyService signingKeys;
    private final CredentialService credentials;
    private final DefinitionValidator validator;
    private final EgressPolicy egress;
    private final Vertx vertx;

    ActionService(Transactions transactions, Outbox outbox, ActionRepository heads, ActionVersionRepository versions,
            SigningKeyService signingKeys, CredentialService credentials, EgressPolicy egress, Vertx vertx) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.heads = heads;
        this.versions = versions;
        this.signingKeys = signingKeys;
        this.credentials = credentials;
        this.validator = new DefinitionValidator(egress);
        this.egress = egress;
        this.vertx = vertx;
    }

    /** A stored version and, on creation only, the signing keys to show once. */
    public record Saved(ActionDefinition definition, SigningSecrets.Generated keys) {
    }

    /** Stores version 1 of a new action with fresh signing keys; a conflict if the action exists. */
    public Uni<Saved> create(ActionDefinition input, String actor) {
        ActionId id = Definitions.id(input);
        return save(input, actor, true, head -> {
            if (head != null) {
                throw exists(id);
            }
            return 1;
        }).onFailure(ActionService::uniqueViolation).transform(e -> exists(id));
    }

    /** Publishes version n+1 of an existing action (which also reactivates a retired one). */
    public Uni<Saved> update(ActionDefinition input, String actor) {
        return save(input, actor, false, head -> {
            if (head == null) {
                throw DomainException.notFound("action not found");
            }
            return head.latestVersion + 1;
        });
    }

    /** Retires an action: no new proposals; its versions stay readable. Retiring twice changes nothing. */
    public Uni<Void> retire(ActionId id) {
        return transactions.write(session -> heads.lock(id).flatMap(head -> {
            if (head == null) {
                throw DomainException.notFound("action not found");
            }
            if (Definitions.RETIRED.equals(head.status)) {
                return Uni.createFrom().voidItem();
            }
            head.status = Definitions.RETIRED;
            head.updatedAt = Instant.now();
            return outbox.add(session, OutboxEvent.of(EventTypes.ACTION_RETIRED, id.key(),
                    new ActionRetired(id.tenant(), id.assistant(), id.name(), head.latestVersion)));
        }));
    }

    /** The version asked for, or the latest when {@code version} is null; not found when there is none. */
    public Uni<ActionDefinition> find(ActionId id, Integer version) {
        return transactions.read(session -> lookup(id, version)).map(d -> {
            if (d == null) {
                throw DomainException.notFound("action not found");
            }
            return d;
        });
    }

    /** Latest versions of a tenant's actions, optionally of one assistant and one status, by assistant and name. */
    public Uni<List<ActionDefinition>> list(String tenant, String assistant, String status, int limit, int offset) {
        return transactions.read(session -> versions.latest(tenant, assistant, status, limit, offset))
                .map(rows -> rows.stream().map(r -> Definitions.asRead(r.definition(), r.definition().version(),
                        r.status())).toList());
    }

    /** An assistant's active actions as tools in {@code format} (one of {@link ToolExporter#FORMATS}). */
    public Uni<ToolExporter.Tools> tools(String tenant, String assistant, String format) {
        return list(tenant, assistant, Definitions.ACTIVE, MAX_TOOLS, 0).map(d -> ToolExporter.export(format, d));
    }

    /**
     * What the executor needs to deliver a pinned version: the definition, the signing keys valid now (newest
     * first) and the credential its {@code execution.auth} names; not found when the version does not exist.
     */
    public Uni<ActionVersion> forExecutor(ActionId id, int version) {
        return transactions.read(session -> lookup(id, version).flatMap(d -> {
            if (d == null) {
                throw DomainException.notFound("action version not found");
            }
            var auth = d.execution() == null ? null : d.execution().auth();
            return signingKeys.unsealValid(id).flatMap(keys -> (auth == null
                    ? Uni.createFrom().<String>nullItem() : credentials.unseal(id.tenant(), auth.credential()))
                    .map(value -> ActionVersion.of(d, keys, auth == null || value == null ? Map.of()
                            : Map.of(auth.credential(), value))));
        }));
    }

    // Validates (every problem at once), then writes the version, the head, new keys if asked, and the
    // published event in one transaction under the head's row lock.
    private Uni<Saved> save(ActionDefinition input, String actor, boolean issueKeys,
            Function<ActionEntity, Integer> nextVersion) {
        ActionId id = Definitions.id(input);
        return problems(input).flatMap(errors -> {
            if (!errors.isEmpty()) {
                throw DefinitionValidator.problem(errors);
            }
            return transactions.write(session -> heads.lock(id).flatMap(found -> {
                ActionDefinition stored = Definitions.stamp(input, nextVersion.apply(found), Instant.now());
                ActionEntity head = found != null ? found : ActionEntity.of(id);
                head.latestVersion = stored.version();
                head.status = Definitions.ACTIVE;
                head.updatedAt = Instant.now();
                return versions.persist(ActionVersionEntity.of(stored, actor))
                        .flatMap(v -> found == null ? heads.persist(head) : Uni.createFrom().item(head))
                        .flatMap(v -> issueKeys ? signingKeys.issue(id)
                                : Uni.createFrom().<SigningSecrets.Generated>nullItem())
                        .flatMap(keys -> outbox.add(session,
                                        OutboxEvent.of(EventTypes.ACTION_PUBLISHED, id.key(), stored))
                                .replaceWith(new Saved(stored, keys)));
            }));
        });
    }

    /** The stored version (or the latest) as readers see it, or null; in the caller's session. */
    private Uni<ActionDefinition> lookup(ActionId id, Integer version) {
        return heads.find(id).flatMap(head -> head == null ? Uni.createFrom().<ActionDefinition>nullItem()
                : versions.find(id, version == null ? head.latestVersion : version).map(v -> v == null ? null
                        : Definitions.asRead(v.definition, head.latestVersion, head.status)));
    }

    /** The static problems of {@code input} and those that need I/O (DNS, the credential store), together. */
    private Uni<List<FieldError>> problems(ActionDefinition input) {
        List<FieldError> errors = validator.validate(input);
        boolean urlFormOk = errors.stream().noneMatch(e -> e.path().equals("execution.url"));
        Uni<List<FieldError>> noProblems = Uni.createFrom().item(List.of());
        return checkCredential(input)
                .flatMap(credential -> (urlFormOk ? checkDestination(input) : noProblems)
                        .map(destination -> {
                            List<FieldError> all = new ArrayList<>(errors);
                            all.addAll(destination);
                            all.addAll(credential);
                            return all;
                        }));
    }

    /**
     * Refuses a webhook host that resolves to a forbidden address now. A name that does not resolve yet is
     * accepted: the executor checks the address it connects to at every call anyway (DESIGN §6). DNS blocks, so
     * it runs on a worker; Vert.x hands the answer back to this request's event loop, where the transaction runs.
     */
    private Uni<List<FieldError>> checkDestination(ActionDefinition input) {
        if (input.execution() == null || input.execution().url() == null) {
            return Uni.createFrom().item(List.of());
        }
        String host = URI.create(input.execution().url()).getHost();
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                egress.resolve(host);
            } catch (EgressRefusedException e) {
                if (!EgressRefusedException.UNRESOLVABLE.equals(e.code())) {
                    return List.of(new FieldError("execution.url", e.code(), e.getMessage()));
                }
            }
            return List.<FieldError>of();
        }), false);
    }

    /** A referenced outbound credential must exist when the definition is saved. */
    private Uni<List<FieldError>> checkCredential(ActionDefinition input) {
        if (input.tenant() == null || input.execution() == null || input.execution().auth() == null
                || input.execution().auth().credential() == null) {
            return Uni.createFrom().item(List.of());
        }
        String name = input.execution().auth().credential();
        return credentials.exists(input.tenant(), name).map(exists -> exists ? List.<FieldError>of()
                : List.of(new FieldError("execution.auth.credential", "unknown_credential", "There is no credential "
                        + "named '" + name + "'; PUT /v1/credentials/" + input.tenant() + "/" + name + " first.")));
    }

    private static DomainException exists(ActionId id) {
        return DomainException.conflict("already_exists",
                "Action " + id.key() + " exists; PUT it to publish a new version.");
    }

    // Two creates of one new action at once: the second insert of the head hits the primary key.
    private static boolean uniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // only a unique violation is the lost race; a not-null or check violation is a bug to surface
            if ((t instanceof ConstraintViolationException c && "23505".equals(c.getSQLState()))
                    || (t instanceof PgException pg && "23505".equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }
}
