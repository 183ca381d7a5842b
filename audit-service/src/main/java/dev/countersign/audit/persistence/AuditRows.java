package dev.countersign.audit.persistence;

import dev.countersign.audit.domain.AuditEntry;
import dev.countersign.audit.domain.AuditEntry.Head;
import dev.countersign.audit.domain.AuditQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reads of the audit log through {@link AuditRow}: keyset pages by {@code seq} (never offsets, so a page costs
 * the same wherever it starts). Call inside a session ({@code Transactions.read}).
 */
@ApplicationScoped
public class AuditRows implements PanacheRepositoryBase<AuditRow, Long> {

    /** The current chain head. */
    public Uni<Head> head() {
        return ChainHeadRow.<ChainHeadRow>findById(true).map(row -> row == null ? Head.GENESIS : row.head());
    }

    /** A tenant's entries of one proposal (its subject or its {@code proposal_id}), in seq order. */
    public Uni<List<AuditEntry>> timeline(String tenant, String proposalId) {
        return list("tenant = :tenant and (subject = :id or proposalId = :id)", Sort.by("seq"),
                Parameters.with("tenant", tenant).and("id", proposalId)).map(AuditRows::entries);
    }

    /** One page of the tenant's entries matching {@code q}, in seq order. */
    public Uni<List<AuditEntry>> page(AuditQuery q) {
        // Built per request with only the filters given, so each query can use its index.
        StringBuilder where = new StringBuilder("tenant = :tenant and seq > :after");
        Parameters params = Parameters.with("tenant", q.tenant()).and("after", q.afterSeq());
        if (q.proposalId() != null) {
            where.append(" and (subject = :proposal or proposalId = :proposal)");
            params.and("proposal", q.proposalId());
        }
        if (q.conversationId() != null) {
            where.append(" and conversationId = :conversation");
            params.and("conversation", q.conversationId());
        }
        if (q.actor() != null) {
            where.append(" and actor = :actor");
            params.and("actor", q.actor());
        }
        if (q.type() != null) {
            where.append(" and type = :type");
            params.and("type", q.type());
        }
        if (q.since() != null) {
            where.append(" and recordedAt >= :since");
            params.and("since", q.since().atOffset(ZoneOffset.UTC));
        }
        if (q.until() != null) {
            where.append(" and recordedAt < :until");
            params.and("until", q.until().atOffset(ZoneOffset.UTC));
        }
        if (q.untilSeq() != null) {
            where.append(" and seq <= :untilSeq");
            params.and("untilSeq", q.untilSeq());
        }
        return find(where.toString(), Sort.by("seq"), params).range(0, q.limit() - 1).list()
                .map(AuditRows::entries);
    }

    /**
     * Up to {@code limit} rows of the whole log (every tenant) with {@code afterSeq < seq <= untilSeq}, in seq
     * order, as verification reads them.
     */
    public Uni<List<AuditRow>> chainBatch(long afterSeq, long untilSeq, int limit) {
        return find("seq > ?1 and seq <= ?2", Sort.by("seq"), afterSeq, untilSeq).range(0, limit - 1).list();
    }

    private static List<AuditEntry> entries(List<AuditRow> rows) {
        return rows.stream().map(AuditRow::entry).toList();
    }
}
