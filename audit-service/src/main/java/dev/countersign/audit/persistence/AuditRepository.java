package dev.countersign.audit.persistence;

import dev.countersign.audit.domain.AuditEntry;
import dev.countersign.audit.domain.Canonical;
import dev.countersign.audit.domain.EventFacts;
import dev.countersign.kit.messaging.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** SQL over the audit log and its chain head; the only writer of both. */
@ApplicationScoped
public class AuditRepository {
    static final String COLUMNS = "seq, event_id, type, source, subject, tenant, actor, time, recorded_at, topic, "
            + "data, prev_hash, hash";

    private final Pool pool;

    AuditRepository(Pool pool) {
        this.pool = pool;
    }

    /** A row together with its derived index columns, as verification reads it. */
    public record StoredRow(AuditEntry entry, String proposalId, String conversationId) {
    }

    /** The chain head: the last recorded seq (0 when empty) and its hash. */
    public record Head(long seq, String hash) {
    }

    /** Filters of a log query; null members do not filter. {@code tenant} always does. */
    public record Filter(String tenant, String proposalId, String conversationId, String actor, String type,
            Instant since, Instant until, long afterSeq, Long untilSeq, int limit) {
    }

    /**
     * Appends {@code event} at the head of the chain in one transaction: lock the head, hash the entry onto it,
     * insert, advance the head. Returns the new row, or null when the event (same source, id and tenant) was
     * already recorded, in which case nothing changes and no seq is used.
     */
    public Uni<AuditEntry> append(IncomingEvent event) {
        return pool.withTransaction(tx -> tx.query("SELECT seq, hash FROM chain_head FOR UPDATE").execute()
                .flatMap(rows -> {
                    Row head = rows.iterator().next();
                    EventFacts facts = EventFacts.of(event.id(), event.type(), event.source(), event.data());
                    AuditEntry entry = entryAfter(head.getLong("seq"), head.getString("hash"), event, facts);
                    return insert(tx, entry, facts).flatMap(inserted -> inserted
                            ? advance(tx, entry).replaceWith(entry)
                            : Uni.createFrom().nullItem());
                }));
    }

    // recorded_at is taken under the head lock, so it never goes backwards along seq (given a sane clock).
    private static AuditEntry entryAfter(long headSeq, String headHash, IncomingEvent event, EventFacts facts) {
        long seq = headSeq + 1;
        String time = Canonical.timestamp(event.time());
        String recordedAt = Canonical.timestamp(Instant.now());
        String data = Canonical.json(event.data());
        String canonical = Canonical.entry(seq, event.id(), event.type(), event.source(), event.subject(),
                facts.tenant(), facts.actor(), time, recordedAt, event.data());
        return new AuditEntry(seq, event.id(), event.type(), event.source(), event.subject(), facts.tenant(),
                facts.actor(), time, recordedAt, event.topic(), data, headHash, Canonical.hash(headHash, canonical));
    }

    private static Uni<Boolean> insert(SqlConnection tx, AuditEntry e, EventFacts facts) {
        Tuple args = Tuple.tuple().addLong(e.seq()).addString(e.eventId()).addString(e.type()).addString(e.source())
                .addString(e.subject()).addString(e.tenant()).addString(e.actor()).addValue(odt(e.time()))
                .addValue(odt(e.recordedAt())).addString(e.topic()).addString(e.data())
                .addString(facts.proposalId()).addString(facts.conversationId()).addString(e.prevHash())
                .addString(e.hash());
        return tx.preparedQuery("INSERT INTO audit_log (seq, event_id, type, source, subject, tenant, actor, time, "
                + "recorded_at, topic, data, proposal_id, conversation_id, prev_hash, hash) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
                // the arbiter is the unique index audit_log_event_once (V2): same source, id and tenant
                + "ON CONFLICT (source, event_id, (coalesce(tenant, ''))) DO NOTHING RETURNING seq")
                .execute(args).map(rows -> rows.size() == 1);
    }

    private static Uni<Void> advance(SqlConnection tx, AuditEntry e) {
        return tx.preparedQuery("UPDATE chain_head SET seq = $1, hash = $2")
                .execute(Tuple.of(e.seq(), e.hash())).replaceWithVoid();
    }

    /** The current chain head. */
    public Uni<Head> head() {
        return pool.query("SELECT seq, hash FROM chain_head").execute()
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Head(r.getLong("seq"), r.getString("hash"));
                });
    }

    /** Up to {@code limit} rows of the whole log with {@code afterSeq < seq <= untilSeq}, in seq order. */
    public Uni<List<StoredRow>> chainBatch(long afterSeq, long untilSeq, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", proposal_id, conversation_id FROM audit_log "
                + "WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3")
                .execute(Tuple.of(afterSeq, untilSeq, limit))
                .map(rows -> {
                    List<StoredRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new StoredRow(entry(r), r.getString("proposal_id"),
                            r.getString("conversation_id"))));
                    return out;
                });
    }

    /** A tenant's entries of one proposal (its subject or its {@code proposal_id}), in seq order. */
    public Uni<List<AuditEntry>> timeline(String tenant, String proposalId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_log WHERE tenant = $1 "
                + "AND (subject = $2 OR proposal_id = $2) ORDER BY seq")
                .execute(Tuple.of(tenant, proposalId)).map(AuditRepository::entries);
    }

    /** One page of a tenant's entries matching {@code f}, in seq order. */
    public Uni<List<AuditEntry>> find(Filter f) {
        // Built per request with only the filters given, so each query can use its index.
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE tenant = $1");
        Tuple args = Tuple.tuple().addString(f.tenant());
        if (f.proposalId() != null) {
            args.addString(f.proposalId());
            sql.append(" AND (subject = $").append(args.size()).append(" OR proposal_id = $").append(args.size())
                    .append(')');
        }
        if (f.conversationId() != null) {
            args.addString(f.conversationId());
            sql.append(" AND conversation_id = $").append(args.size());
        }
        if (f.actor() != null) {
            args.addString(f.actor());
            sql.append(" AND actor = $").append(args.size());
        }
        if (f.type() != null) {
            args.addString(f.type());
            sql.append(" AND type = $").append(args.size());
        }
        if (f.since() != null) {
            args.addValue(f.since().atOffset(ZoneOffset.UTC));
            sql.append(" AND recorded_at >= $").append(args.size());
        }
        if (f.until() != null) {
            args.addValue(f.until().atOffset(ZoneOffset.UTC));
            sql.append(" AND recorded_at < $").append(args.size());
        }
        if (f.untilSeq() != null) {
            args.addLong(f.untilSeq());
            sql.append(" AND seq <= $").append(args.size());
        }
        args.addLong(f.afterSeq());
        sql.append(" AND seq > $").append(args.size());
        args.addInteger(f.limit());
        sql.append(" ORDER BY seq LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(args).map(AuditRepository::entries);
    }

    private static List<AuditEntry> entries(RowSet<Row> rows) {
        List<AuditEntry> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(entry(r)));
        return out;
    }

    private static AuditEntry entry(Row r) {
        return new AuditEntry(r.getLong("seq"), r.getString("event_id"), r.getString("type"), r.getString("source"),
                r.getString("subject"), r.getString("tenant"), r.getString("actor"),
                text(r.getOffsetDateTime("time")), text(r.getOffsetDateTime("recorded_at")), r.getString("topic"),
                r.getString("data"), r.getString("prev_hash"), r.getString("hash"));
    }

    private static String text(OffsetDateTime time) {
        return Canonical.timestamp(time);
    }

    private static OffsetDateTime odt(String timestamp) {
        return timestamp == null ? null : Instant.parse(timestamp).atOffset(ZoneOffset.UTC);
    }
}
