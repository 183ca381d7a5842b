package dev.countersign.audit.service;

import dev.countersign.audit.config.AuditConfig;
import dev.countersign.audit.domain.AuditEntry;
import dev.countersign.audit.domain.AuditQuery;
import dev.countersign.audit.domain.EventFacts;
import dev.countersign.audit.persistence.AuditRows;
import dev.countersign.audit.persistence.ChainAppender;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.messaging.IncomingEvent;
import dev.countersign.kit.persistence.Transactions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The audit log's use cases: append an event to the hash chain, and a tenant's timeline, queries and export.
 * Each append is one transaction (head lock, row, head advance); reads run in a session of their own per page.
 */
@ApplicationScoped
public class AuditLog {
    private final Transactions transactions;
    private final ChainAppender chain;
    private final AuditRows rows;
    private final AuditConfig config;

    AuditLog(Transactions transactions, ChainAppender chain, AuditRows rows, AuditConfig config) {
        this.transactions = transactions;
        this.chain = chain;
        this.rows = rows;
        this.config = config;
    }

    /**
     * Appends {@code event} at the head of the chain in one transaction. Returns the new entry, or null when the
     * event (same source, id and tenant) was already recorded, in which case nothing changes and no seq is used.
     */
    public Uni<AuditEntry> record(IncomingEvent event) {
        EventFacts facts = EventFacts.of(event.id(), event.type(), event.source(), event.topic(), event.data());
        return transactions.write(session -> chain.lockHead(session).flatMap(head -> {
            // recorded_at is taken under the head lock, so it never goes backwards along seq (given a sane clock)
            AuditEntry entry = AuditEntry.extending(head, event.id(), event.type(), event.source(), event.subject(),
                    event.time(), Instant.now(), event.topic(), event.data(), facts);
            return chain.insert(session, entry, facts).flatMap(inserted -> inserted
                    ? chain.advance(session, entry).replaceWith(entry)
                    : Uni.createFrom().<AuditEntry>nullItem());
        }));
    }

    /** The tenant's whole timeline of a proposal, in seq order; not found when no entry is visible. */
    public Uni<List<AuditEntry>> timeline(String tenant, String proposalId) {
        return transactions.<List<AuditEntry>>read(session -> rows.timeline(tenant, proposalId)).map(entries -> {
            if (entries.isEmpty()) {
                throw DomainException.notFound("proposal not found in the audit log");
            }
            return entries;
        });
    }

    /** One page of the query's tenant's entries. */
    public Uni<List<AuditEntry>> query(AuditQuery query) {
        return transactions.read(session -> rows.page(query));
    }

    /**
     * The tenant's entries with {@code after_seq < seq <= until_seq} (raw parameters, validated here), streamed one
     * keyset page of {@code countersign.audit.batch-size} rows at a time: a page is read only when the previous
     * one has been consumed, so memory holds one page, not the log.
     */
    public Multi<AuditEntry> export(String tenant, String afterSeq, String untilSeq) {
        AtomicReference<AuditQuery> next = new AtomicReference<>(
                AuditQuery.export(tenant, afterSeq, untilSeq, config.batchSize()));
        return Multi.createBy().repeating()
                .uni(() -> query(next.get()).invoke(page -> {
                    if (!page.isEmpty()) {
                        next.set(next.get().after(page.get(page.size() - 1).seq()));
                    }
                }))
                .whilst(page -> next.get().full(page))
                .onItem().<AuditEntry>disjoint();
    }
}
