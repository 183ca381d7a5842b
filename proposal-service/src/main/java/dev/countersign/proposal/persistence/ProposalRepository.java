package dev.countersign.proposal.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** SQL over the proposals this service received and the conflicting bodies it rejected. */
@ApplicationScoped
public class ProposalRepository {
    private static final String COLUMNS = "tenant, proposal_id, body_hash, body, assistant, action, conversation_id, "
            + "status, code, action_version, approval_mode, expires_at, submitted_at, outcome, channel";

    private final Pool pool;

    ProposalRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * One stored proposal: its dedupe key and body hash, the summary columns, and {@code outcome}, the data of
     * the event that was published for it.
     */
    public record ProposalRow(String tenant, String proposalId, String bodyHash, String body, String assistant,
            String action, String conversationId, String status, String code, Integer actionVersion,
            String approvalMode, Instant expiresAt, Instant submittedAt, String outcome, String channel) {
    }

    /** The proposal, or null. */
    public Uni<ProposalRow> find(String tenant, String proposalId) {
        return find(pool, tenant, proposalId);
    }

    /** The proposal as seen by {@code client} (e.g. inside a transaction), or null. */
    public Uni<ProposalRow> find(SqlClient client, String tenant, String proposalId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM proposals WHERE tenant = $1 AND proposal_id = $2")
                .execute(Tuple.of(tenant, proposalId))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    /**
     * Inserts the proposal unless one with its key exists (concurrent or earlier submission); true when
     * inserted. A conflicting insert waits for the other transaction, so the caller can then read its row.
     */
    public Uni<Boolean> insert(SqlClient tx, ProposalRow p) {
        return tx.preparedQuery("INSERT INTO proposals (" + COLUMNS + ") VALUES "
                + "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
                + "ON CONFLICT (tenant, proposal_id) DO NOTHING RETURNING proposal_id")
                .execute(Tuple.from(Arrays.asList(p.tenant(), p.proposalId(), p.bodyHash(), p.body(), p.assistant(),
                        p.action(), p.conversationId(), p.status(), p.code(), p.actionVersion(), p.approvalMode(),
                        utc(p.expiresAt()), utc(p.submittedAt()), p.outcome(), p.channel())))
                .map(rows -> rows.size() == 1);
    }

    /** Records that {@code bodyHash} conflicted with the stored proposal; true the first time only. */
    public Uni<Boolean> insertConflict(SqlClient tx, String tenant, String proposalId, String bodyHash) {
        return tx.preparedQuery("INSERT INTO proposal_conflicts (tenant, proposal_id, body_hash) VALUES ($1, $2, $3) "
                + "ON CONFLICT DO NOTHING RETURNING proposal_id")
                .execute(Tuple.of(tenant, proposalId, bodyHash))
                .map(rows -> rows.size() == 1);
    }

    /**
     * Records {@code eventId} in the kit's inbox ({@code processed_events}) under {@code consumer}; true the
     * first time only.
     */
    public Uni<Boolean> insertProcessed(SqlClient tx, String consumer, String eventId) {
        return tx.preparedQuery("INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) "
                + "ON CONFLICT DO NOTHING RETURNING event_id")
                .execute(Tuple.of(consumer, eventId))
                .map(rows -> rows.size() == 1);
    }

    private static ProposalRow read(Row r) {
        return new ProposalRow(r.getString("tenant"), r.getString("proposal_id"), r.getString("body_hash"),
                r.getString("body"), r.getString("assistant"), r.getString("action"), r.getString("conversation_id"),
                r.getString("status"), r.getString("code"), r.getInteger("action_version"),
                r.getString("approval_mode"), instant(r.getOffsetDateTime("expires_at")),
                instant(r.getOffsetDateTime("submitted_at")), r.getString("outcome"), r.getString("channel"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
