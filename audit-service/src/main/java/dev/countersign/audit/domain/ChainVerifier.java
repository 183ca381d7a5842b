package dev.countersign.audit.domain;

import dev.countersign.audit.config.AuditConfig;
import dev.countersign.audit.persistence.AuditRepository;
import dev.countersign.audit.persistence.AuditRepository.Head;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Recomputes the whole chain in seq order, one batch at a time, up to the head as it was when the check
 * began (rows appended meanwhile are left for the next check).
 */
@ApplicationScoped
public class ChainVerifier {
    private final AuditRepository repository;
    private final AuditConfig config;

    ChainVerifier(AuditRepository repository, AuditConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** Verifies the chain from genesis to the current head. */
    public Uni<ChainCheck.Result> verify() {
        return repository.head().flatMap(head -> {
            ChainCheck check = new ChainCheck();
            return rounds(check, head).map(done -> check.finish(head.seq(), head.hash()));
        });
    }

    private Uni<Boolean> rounds(ChainCheck check, Head head) {
        int batch = config.batchSize();
        return repository.chainBatch(check.lastSeq(), head.seq(), batch)
                // hashing a batch is CPU work: keep it off the event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(rows -> {
                    if (!acceptAll(check, rows) || rows.size() < batch) {
                        return Uni.createFrom().item(true);
                    }
                    return rounds(check, head);
                });
    }

    private static boolean acceptAll(ChainCheck check, List<AuditRepository.StoredRow> rows) {
        for (AuditRepository.StoredRow row : rows) {
            if (!check.accept(row.entry(), row.proposalId(), row.conversationId())) {
                return false;
            }
        }
        return true;
    }
}
