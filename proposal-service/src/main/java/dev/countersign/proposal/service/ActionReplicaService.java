package dev.countersign.proposal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.kit.messaging.IncomingEvent;
import dev.countersign.kit.messaging.PoisonMessageException;
import dev.countersign.kit.persistence.Transactions;
import dev.countersign.proposal.domain.ActionState;
import dev.countersign.proposal.persistence.ReplicaHead;
import dev.countersign.proposal.persistence.ReplicaHeadRepository;
import dev.countersign.proposal.persistence.ReplicaVersionRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps this service's replica of the registry's definitions: every {@code action.published} version is stored
 * as received and advances the action's head; {@code action.retired} retires it. Every step is idempotent and
 * order-safe per action key, so redelivery is harmless and reading the topic from scratch rebuilds the same state.
 */
@ApplicationScoped
public class ActionReplicaService {
    private final Transactions transactions;
    private final ReplicaVersionRepository versions;
    private final ReplicaHeadRepository heads;

    ActionReplicaService(Transactions transactions, ReplicaVersionRepository versions, ReplicaHeadRepository heads) {
        this.transactions = transactions;
        this.versions = versions;
        this.heads = heads;
    }

    /**
     * Applies one event of {@code countersign.actions}; an unknown type or unusable data is poison (thrown before
     * anything is written).
     */
    public Uni<Void> apply(IncomingEvent event) {
        return switch (event.type()) {
            case EventTypes.ACTION_PUBLISHED -> published(event);
            case EventTypes.ACTION_RETIRED -> retired(event.data());
            default -> throw new PoisonMessageException("unexpected type " + event.type() + " on " + event.topic());
        };
    }

    /** What the replica knows of the action now, or null when it has never heard of it. */
    public Uni<ActionState> current(String tenant, String assistant, String name) {
        return transactions.read(session -> heads.find(tenant, assistant, name).flatMap(head -> head == null
                ? Uni.createFrom().<ActionState>nullItem()
                : versions.find(tenant, assistant, name, head.latestVersion).map(version -> new ActionState(
                        head.latestVersion, head.retired(), version == null ? null : version.definition))));
    }

    private Uni<Void> published(IncomingEvent event) {
        ObjectNode data = event.data();
        String tenant = requireText(data, "tenant");
        String assistant = requireText(data, "assistant");
        String name = requireText(data, "name");
        int version = requireVersion(data);
        if (!data.path("parameters_json_schema").isObject()) {
            // Without the compiled schema no proposal could be validated the way every consumer does.
            throw new PoisonMessageException("action.published without an object parameters_json_schema");
        }
        // Read as the contract record once, here: a definition this service cannot read is dead-lettered now
        // rather than failing every proposal later.
        ActionDefinition definition = event.dataAs(ActionDefinition.class);
        String status = ReplicaHead.RETIRED.equals(definition.status()) ? ReplicaHead.RETIRED : ReplicaHead.ACTIVE;
        return transactions.write(session -> versions.store(tenant, assistant, name, version, definition)
                        .flatMap(stored -> heads.advance(session, tenant, assistant, name, version, status)))
                .invoke(() -> Log.infof("replicated action %s/%s/%s version %d", tenant, assistant, name, version))
                .replaceWithVoid();
    }

    private Uni<Void> retired(ObjectNode data) {
        String tenant = requireText(data, "tenant");
        String assistant = requireText(data, "assistant");
        String action = requireText(data, "action");
        int version = requireVersion(data);
        return transactions.write(session -> heads.retire(session, tenant, assistant, action, version))
                .invoke(() -> Log.infof("replicated retirement of %s/%s/%s", tenant, assistant, action))
                .replaceWithVoid();
    }

    private static String requireText(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new PoisonMessageException("actions event without '" + field + "'");
        }
        return value.asText();
    }

    private static int requireVersion(JsonNode data) {
        JsonNode value = data.get("version");
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new PoisonMessageException("actions event without a positive integer 'version'");
        }
        return value.asInt();
    }
}
