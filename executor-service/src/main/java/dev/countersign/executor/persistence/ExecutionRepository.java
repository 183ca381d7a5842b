package dev.countersign.executor.persistence;

import dev.countersign.executor.domain.ExecutionState;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SQL over {@code executions}. Updates are conditional on the state and attempt count the caller last saw,
 * so two deliveries of one proposal racing (a rebalance, a redelivery) can never both record an outcome.
 */
@ApplicationScoped
public class ExecutionRepository {
    private static final String COLUMNS = "tenant, proposal_id, webhook_id, action, action_version, state, attempts, "
            + "http_status, result::text AS result, created_at, updated_at, completed_at";

    private final Pool pool;

    ExecutionRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Creates the record in {@code delivering} unless it exists, and returns the record as stored: the new one,
     * or the existing one with its original webhook id.
     */
    public Uni<ExecutionRecord> createOrGet(SqlClient tx, String tenant, String proposalId, String webhookId,
            String action, int actionVersion) {
        return tx.preparedQuery("INSERT INTO executions (tenant, proposal_id, webhook_id, action, action_version, state) "
                + "VALUES ($1, $2, $3, $4, $5, 'delivering') ON CONFLICT (tenant, proposal_id) DO NOTHING")
                .execute(Tuple.of(tenant, proposalId, webhookId, action, actionVersion))
                .flatMap(ignored -> tx.preparedQuery("SELECT " + COLUMNS + " FROM executions WHERE tenant = $1 "
                        + "AND proposal_id = $2").execute(Tuple.of(tenant, proposalId)))
                .map(rows -> from(rows.iterator().next()));
    }

    /** The record of {@code proposalId} in {@code tenant}, or null. */
    public Uni<ExecutionRecord> find(String tenant, String proposalId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM executions WHERE tenant = $1 AND proposal_id = $2")
                .execute(Tuple.of(tenant, proposalId))
                .map(rows -> rows.size() == 0 ? null : from(rows.iterator().next()));
    }

    /**
     * Records attempt {@code attempt} (still delivering); false if the record moved on meanwhile (another
     * delivery recorded this attempt or finished), in which case the caller re-reads the record to decide
     * whether to stop (final) or to have the event retried (still delivering).
     */
    public Uni<Boolean> recordAttempt(SqlClient tx, String tenant, String proposalId, int attempt, Integer httpStatus) {
        return tx.preparedQuery("UPDATE executions SET attempts = $3, http_status = $4, updated_at = now() "
                + "WHERE tenant = $1 AND proposal_id = $2 AND state = 'delivering' AND attempts = $3 - 1")
                .execute(Tuple.of(tenant, proposalId, attempt, httpStatus))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Moves a delivering record to its final state with {@code attempts} attempts; false if it was no longer
     * delivering at {@code expectedAttempts} (someone else finished it). {@code resultJson} is bound as a JSON
     * object: a bare String would be stored as a JSON string scalar.
     */
    public Uni<Boolean> finish(SqlClient tx, String tenant, String proposalId, ExecutionState state,
            int expectedAttempts, int attempts, Integer httpStatus, String resultJson) {
        return tx.preparedQuery("UPDATE executions SET state = $3, attempts = $5, http_status = $6, "
                + "result = $7::jsonb, updated_at = now(), completed_at = now() "
                + "WHERE tenant = $1 AND proposal_id = $2 AND state = 'delivering' AND attempts = $4")
                .execute(Tuple.from(new Object[] {tenant, proposalId, state.value(), expectedAttempts, attempts,
                        httpStatus, resultJson == null ? null : new JsonObject(resultJson)}))
                .map(rows -> rows.rowCount() == 1);
    }

    private static ExecutionRecord from(Row row) {
        return new ExecutionRecord(row.getString("tenant"), row.getString("proposal_id"), row.getString("webhook_id"),
                row.getString("action"), row.getInteger("action_version"), ExecutionState.of(row.getString("state")),
                row.getInteger("attempts"), row.getInteger("http_status"), row.getString("result"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"),
                row.getOffsetDateTime("completed_at"));
    }
}
