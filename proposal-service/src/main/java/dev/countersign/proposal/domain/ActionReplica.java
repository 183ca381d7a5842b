package dev.countersign.proposal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.kit.messaging.IncomingEvent;
import dev.countersign.kit.messaging.PoisonMessageException;
import dev.countersign.proposal.persistence.ActionReplicaRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps this service's replica of the registry's definitions: every {@code action.published} version is stored
 * as received and advances the action's head; {@code action.retired} retires it. Every step is idempotent and
 * order-safe per action key, so redelivery is harmless and reading the topic from scratch rebuilds the same state.
 */
@ApplicationScoped
public class ActionReplica {
    private final Pool pool;
    private final ActionReplicaRepository repository;

    ActionReplica(Pool pool, ActionReplicaRepository repository) {
        this.pool = pool;
        this.repository = repository;
    }

    /** Applies one event of {@code countersign.actions}; an unknown type or unusable data is poison. */
    public Uni<Void> apply(IncomingEvent event) {
        return switch (event.type()) {
            case EventTypes.ACTION_PUBLISHED -> published(event.data());
            case EventTypes.ACTION_RETIRED -> retired(event.data());
            default -> throw new PoisonMessageException("unexpected type " + event.type() + " on " + event.topic());
        };
    }

    private Uni<Void> published(ObjectNode data) {
        String tenant = requireText(data, "tenant");
        String assistant = requireText(data, "assistant");
        String name = requireText(data, "name");
        int version = requireVersion(data);
        if (!data.path("parameters_json_schema").isObject()) {
            // Without the compiled schema no proposal could be validated the way every consumer does.
            throw new PoisonMessageException("action.published without an object parameters_json_schema");
        }
        String status = ActionReplicaRepository.RETIRED.equals(data.path("status").asText())
                ? ActionReplicaRepository.RETIRED : ActionReplicaRepository.ACTIVE;
        String definition = toJson(data);
        return pool.withTransaction(tx -> repository.insertVersion(tx, tenant, assistant, name, version, definition)
                .flatMap(v -> repository.advanceHead(tx, tenant, assistant, name, version, status)))
                .invoke(() -> Log.infof("replicated action %s/%s/%s version %d", tenant, assistant, name, version));
    }

    private Uni<Void> retired(ObjectNode data) {
        String tenant = requireText(data, "tenant");
        String assistant = requireText(data, "assistant");
        String action = requireText(data, "action");
        int version = requireVersion(data);
        return pool.withTransaction(tx -> repository.retire(tx, tenant, assistant, action, version))
                .invoke(() -> Log.infof("replicated retirement of %s/%s/%s", tenant, assistant, action));
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

    private static String toJson(JsonNode data) {
        try {
            return Json.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("actions event data is not serialisable", e);
        }
    }
}
