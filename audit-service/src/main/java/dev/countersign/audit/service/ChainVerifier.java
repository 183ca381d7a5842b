package dev.countersign.audit.service;

import dev.countersign.kit.vertx.EventLoop;
import dev.countersign.audit.config.AuditConfig;
import dev.countersign.audit.domain.AuditEntry.Head;
import dev.countersign.audit.domain.ChainCheck;
import dev.countersign.audit.persistence.AuditRow;
import dev.countersign.audit.persistence.AuditRows;
import dev.countersign.kit.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Recomputes the whole chain in seq order, one batch at a time, up to the head as it was when the check
 * began (rows appended meanwhile are left for the next check).
 */
@ApplicationScoped
public class ChainVerifier {
    private final Transactions transactions;
    private final AuditRows rows;
    private final AuditConfig config;

    ChainVerifier(Transactions transactions, AuditRows rows, AuditConfig config) {
        this.transactions = transactions;
        this.rows = rows;
        this.config = config;
    }

    /** Verifies the chain from genesis to the current head. */
    public Uni<ChainCheck.Result> verify() {
        // Hashing runs on a worker thread; each batch is read back on the request's Vert.x context, where
        // Hibernate Reactive sessions must be used.
        Executor onContext = EventLoop.ofCurrentContext();
        return transactions.<Head>read(session -> rows.head()).flatMap(head -> {
            ChainCheck check = new ChainCheck();
            return rounds(check, head, onContext).map(done -> check.finish(head.seq(), head.hash()));
        });
    }

    private Uni<Boolean> rounds(ChainCheck check, Head head, Executor onContext) {
        int batch = config.batchSize();
        return transactions.<List<AuditRow>>read(session -> rows.chainBatch(check.lastSeq(), head.seq(), batch))
                // hashing a batch is CPU work: keep it off the event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(page -> acceptAll(check, page) && page.size() == batch)
                .emitOn(onContext)
                .flatMap(more -> more ? rounds(check, head, onContext) : Uni.createFrom().item(true));
    }

    private static boolean acceptAll(ChainCheck check, List<AuditRow> page) {
        for (AuditRow row : page) {
            if (!check.accept(row.entry(), row.proposalId, row.conversationId)) {
                return false;
            }
        }
        return true;
    }
}
