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
 * One row of {@code decisions}: a person's approve or deny of one digest of one revision of an approval. The key
 * {@code (tenant, proposal_id, revision, digest, actor, decision)} makes the same person approving the same thing
 * twice count once, lets an edit back to earlier parameters (a new revision) be decided anew, and keeps an
 * approver's approval next to their later denial.
 */
@Entity
@Table(name = "decisions")
@IdClass(DecisionEntity.Key.class)
public class DecisionEntity extends PanacheEntityBase {

    /** The composite primary key. */
    public record Key(String tenant, String proposalId, int revision, String digest, String actor, String decision)
            implements Serializable {
    }

    @Id
    public String tenant;

    @Id
    @Column(name = "proposal_id")
    public String proposalId;

    /** The approval's revision the decision was made on (each edit starts a new one). */
    @Id
    public int revision;

    @Id
    public String digest;

    @Id
    public String actor;

    /** {@code approve} or {@code deny}. */
    @Id
    public String decision;

    public String role;

    public String channel;

    public Instant at;

    public String comment;

    /** Who vouched for the actor (the admin who issued a one-time link for them); null when nobody did. */
    @Column(name = "issued_by")
    public String issuedBy;

    /** The row recording {@code record} on the approval {@code (tenant, proposalId)}. */
    public static DecisionEntity of(String tenant, String proposalId, DecisionRecord record) {
        DecisionEntity row = new DecisionEntity();
        row.tenant = tenant;
        row.proposalId = proposalId;
        row.revision = record.revision();
        row.actor = record.actor();
        row.digest = record.digest();
        row.decision = record.decision().wire();
        row.role = record.role();
        row.channel = record.channel();
        row.at = record.at();
        row.comment = record.comment();
        row.issuedBy = record.issuedBy();
        return row;
    }

    /** As the domain sees it. */
    public DecisionRecord toRecord() {
        return new DecisionRecord(actor, Decision.parse(decision), digest, revision, role, channel, at, comment,
                issuedBy);
    }
}
