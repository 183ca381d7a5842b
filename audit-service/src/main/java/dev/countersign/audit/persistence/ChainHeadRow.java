package dev.countersign.audit.persistence;

import dev.countersign.audit.domain.AuditEntry.Head;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * The one row of {@code chain_head} as read by verification. Read-only: only {@link ChainAppender} advances it,
 * under its row lock.
 */
@Entity
@Table(name = "chain_head")
@Immutable
public class ChainHeadRow extends PanacheEntityBase {
    /** Always true: the table holds exactly one row. */
    @Id
    public boolean id;
    public long seq;
    public String hash;

    /** The head as the domain sees it. */
    public Head head() {
        return new Head(seq, hash);
    }
}
