package dev.countersign.approval.persistence;

import dev.countersign.approval.domain.Decision;
import dev.countersign.approval.domain.DecisionRecord;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * One row of {@code decisions}: a person's approve or deny of one digest of one approval. The key
 * {@code (tenant, proposal_id, actor, digest)} makes the same person deciding the same digest twice count once.
 */
@Entity
@Table(name = "decisions")
@IdClass(DecisionEntity.Key.class)
public class DecisionEntity extends PanacheEntityBase {

    /** The composite primary key. */
    public record Key(String tenant, String proposalId, String actor, String digest) implements Serializable {
    }

    @Id
    public String tenant;

    @Id
    @Column(name = "proposal_id")
    public String proposalId;

    @Id
    public String actor;

    @Id
    public String digest;

    /** {@code approve} or {@code deny}. */
    public String decision;

    public String role;

    public String channel;

    public Instant at;

    public String comment;

    /** The row recording {@code record} on the approval {@code (tenant, proposalId)}. */
    public static DecisionEntity of(String tenant, String proposalId, DecisionRecord record) {
        DecisionEntity row = new DecisionEntity();
        row.tenant = tenant;
        row.proposalId = proposalId;
        row.actor = record.actor();
        row.digest = record.digest();
        row.decision = record.decision().wire();
        row.role = record.role();
        row.channel = record.channel();
        row.at = record.at();
        row.comment = record.comment();
        return row;
    }

    /** As the domain sees it. */
    public DecisionRecord toRecord() {
        return new DecisionRecord(actor, Decision.parse(decision), digest, role, channel, at, comment);
    }
}
