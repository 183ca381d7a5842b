package dev.countersign.registry.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.ActionDefinition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** SQL over the registry's own tables: versions, heads and signing keys. */
@ApplicationScoped
public class ActionRepository {
    private final Pool pool;

    ActionRepository(Pool pool) {
        this.pool = pool;
    }

    /** The head of an action, or null: latest version and status. */
    public record Head(int latestVersion, String status) {
    }

    public Uni<Head> lockHead(SqlClient tx, String tenant, String assistant, String name) {
        return tx.preparedQuery("SELECT latest_version, status FROM actions WHERE tenant = $1 AND assistant = $2 "
                + "AND name = $3 FOR UPDATE").execute(Tuple.of(tenant, assistant, name))
                .map(rows -> rows.size() == 0 ? null
                        : new Head(rows.iterator().next().getInteger("latest_version"),
                                rows.iterator().next().getString("status")));
    }

    public Uni<Void> insertVersion(SqlClient tx, ActionDefinition d, String createdBy) {
        return tx.preparedQuery("INSERT INTO action_versions (tenant, assistant, name, version, definition, created_by) "
                + "VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(d.tenant(), d.assistant(), d.name(), d.version(), toJson(d), createdBy))
                .replaceWithVoid();
    }

    public Uni<Void> upsertHead(SqlClient tx, String tenant, String assistant, String name, int version, String status) {
        return tx.preparedQuery("INSERT INTO actions (tenant, assistant, name, latest_version, status) "
                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant, assistant, name) DO UPDATE "
                + "SET latest_version = EXCLUDED.latest_version, status = EXCLUDED.status, updated_at = now()")
                .execute(Tuple.of(tenant, assistant, name, version, status)).replaceWithVoid();
    }

    /** The version asked for, or the latest when {@code version} is null; null when there is none. */
    public Uni<ActionDefinition> find(String tenant, String assistant, String name, Integer version) {
        String sql = "SELECT v.definition, a.status, a.latest_version FROM action_versions v JOIN actions a "
                + "USING (tenant, assistant, name) WHERE v.tenant = $1 AND v.assistant = $2 AND v.name = $3 AND "
                + (version == null ? "v.version = a.latest_version" : "v.version = $4");
        Tuple args = Tuple.of(tenant, assistant, name);
        if (version != null) {
            args.addInteger(version);
        }
        return pool.preparedQuery(sql).execute(args)
                .map(rows -> rows.size() == 0 ? null : withStatus(rows.iterator().next()));
    }

    /** Latest versions of a tenant's actions, optionally of one assistant, ordered by assistant and name. */
    public Uni<List<ActionDefinition>> list(String tenant, String assistant, String status, int limit, int offset) {
        return pool.preparedQuery("SELECT v.definition, a.status, a.latest_version FROM actions a JOIN action_versions v "
                + "ON v.tenant = a.tenant AND v.assistant = a.assistant AND v.name = a.name AND v.version = a.latest_version "
                + "WHERE a.tenant = $1 AND ($2::text IS NULL OR a.assistant = $2) AND ($3::text IS NULL OR a.status = $3) "
                + "ORDER BY a.assistant, a.name LIMIT $4 OFFSET $5")
                .execute(Tuple.of(tenant, assistant, status, limit, offset))
                .map(rows -> {
                    List<ActionDefinition> out = new ArrayList<>();
                    rows.forEach(r -> out.add(withStatus(r)));
                    return out;
                });
    }

    private static ActionDefinition withStatus(Row row) {
        ActionDefinition d = fromJson(row.getString("definition"));
        String status = d.version() != null && d.version() < row.getInteger("latest_version") ? "superseded"
                : row.getString("status");
        return new ActionDefinition(d.tenant(), d.assistant(), d.name(), d.displayName(), d.description(),
                d.parameters(), d.parametersSchema(), d.approval(), d.execution(), d.rateLimits(), d.version(), status,
                d.parametersJsonSchema(), d.createdAt());
    }

    private static String toJson(ActionDefinition d) {
        try {
            return Json.mapper().writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ActionDefinition fromJson(String json) {
        try {
            return Json.mapper().readValue(json, ActionDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored definition is unreadable", e);
        }
    }
}
