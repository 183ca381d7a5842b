package dev.countersign.proposal.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SQL over this service's replica of {@code countersign.actions}: every published version, and a head per
 * action that only moves forward, so applying the topic again (redelivery or a rebuild) changes nothing.
 */
@ApplicationScoped
public class ActionReplicaRepository {
    /** Status of an action that takes proposals. */
    public static final String ACTIVE = "active";
    /** Status of a retired action. */
    public static final String RETIRED = "retired";

    private final Pool pool;

    ActionReplicaRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The head of an action with the definition JSON of its latest version; {@code definition} is null when
     * only a retirement was seen (the compacted topic may have dropped the definition).
     */
    public record Current(int latestVersion, String status, String definition) {
        public boolean retired() {
            return RETIRED.equals(status);
        }
    }

    /** Stores one published version; a version is immutable, so a second copy is ignored. */
    public Uni<Void> insertVersion(SqlClient tx, String tenant, String assistant, String name, int version,
            String definition) {
        return tx.preparedQuery("INSERT INTO action_versions (tenant, assistant, name, version, definition) "
                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenant, assistant, name, version, definition)).replaceWithVoid();
    }

    /** Moves the head to a newer published version (which also reactivates a retired action). */
    public Uni<Void> advanceHead(SqlClient tx, String tenant, String assistant, String name, int version,
            String status) {
        return tx.preparedQuery("INSERT INTO action_heads (tenant, assistant, name, latest_version, status) "
                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant, assistant, name) DO UPDATE "
                + "SET latest_version = EXCLUDED.latest_version, status = EXCLUDED.status, updated_at = now() "
                + "WHERE action_heads.latest_version < EXCLUDED.latest_version")
                .execute(Tuple.of(tenant, assistant, name, version, status)).replaceWithVoid();
    }

    /**
     * Marks the action retired as of {@code version}; ignored when a newer version was already published
     * (an old retirement redelivered must not retire a re-published action).
     */
    public Uni<Void> retire(SqlClient tx, String tenant, String assistant, String name, int version) {
        return tx.preparedQuery("INSERT INTO action_heads (tenant, assistant, name, latest_version, status) "
                + "VALUES ($1, $2, $3, $4, 'retired') ON CONFLICT (tenant, assistant, name) DO UPDATE "
                + "SET latest_version = EXCLUDED.latest_version, status = 'retired', updated_at = now() "
                + "WHERE action_heads.latest_version <= EXCLUDED.latest_version")
                .execute(Tuple.of(tenant, assistant, name, version)).replaceWithVoid();
    }

    /** The action's head and latest definition, or null when the replica has never heard of it. */
    public Uni<Current> current(String tenant, String assistant, String name) {
        return pool.preparedQuery("SELECT h.latest_version, h.status, v.definition FROM action_heads h "
                + "LEFT JOIN action_versions v ON v.tenant = h.tenant AND v.assistant = h.assistant "
                + "AND v.name = h.name AND v.version = h.latest_version "
                + "WHERE h.tenant = $1 AND h.assistant = $2 AND h.name = $3")
                .execute(Tuple.of(tenant, assistant, name))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Current(row.getInteger("latest_version"), row.getString("status"),
                            row.getString("definition"));
                });
    }
}
