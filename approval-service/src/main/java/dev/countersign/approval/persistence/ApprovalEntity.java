package dev.countersign.approval.persistence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.approval.domain.ApprovalState;
import dev.countersign.approval.domain.Arrival;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.RequiredApproval;
import dev.countersign.kit.persistence.JsonbText;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.JdbcTypeRegistration;
import org.hibernate.type.SqlTypes;

/**
 * One row of {@code approvals} (schema owned by Flyway, {@code V1__approvals.sql}): an accepted proposal's
 * approval from arrival until a decision or expiry. Keyed by tenant and proposal id, so one tenant can never
 * claim or shadow another's proposal; the JSONB columns are typed fields, bound as exact
 * text by the kit's {@link JsonbText} and {@code ContractJsonFormat}.
 */
@Entity
@Table(name = "approvals")
@IdClass(ApprovalEntity.Key.class)
@JdbcTypeRegistration(JsonbText.class)
public class ApprovalEntity extends PanacheEntityBase {

    /** The composite primary key {@code (tenant, proposal_id)}. */
    public record Key(String tenant, String proposalId) implements Serializable {
    }

    @Id
    public String tenant;

    @Id
    @Column(name = "proposal_id")
    public String proposalId;

    public String assistant;

    public String action;

    @Column(name = "action_version")
    public int actionVersion;

    @Column(name = "approval_mode")
    public String approvalMode;

    @Convert(converter = ApprovalStateColumn.class)
    public ApprovalState state;

    /**
     * The proposal.accepted data as received, kept whole so fields this service does not read yet survive. It
     * never changes; {@code @Immutable} also spares Hibernate a deep copy for dirty checking (a JsonNode's Java
     * serialization would read decimals back as doubles and see a change that is none).
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Immutable
    @Column(updatable = false)
    public ObjectNode snapshot;

    /** Who must approve; null when nobody has to (auto, expired on arrival). */
    @JdbcTypeCode(SqlTypes.JSON)
    public RequiredApproval required;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "decided_by")
    public List<Decider> decidedBy = new ArrayList<>();

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** When the state became final; null while awaiting. */
    @Column(name = "decided_at")
    public Instant decidedAt;

    /** The CloudEvent id of the proposal.accepted that created the row, for tracing. */
    @Column(name = "accepted_event_id")
    public String acceptedEventId;

    // Both default to now() in the database, which stays the one clock for them.
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", insertable = false)
    public Instant updatedAt;

    /** The row an arrival creates; {@code snapshot} is the accepted event's data as received. */
    public static ApprovalEntity arrived(Arrival arrival, String acceptedEventId, ObjectNode snapshot) {
        ProposalAccepted proposal = arrival.proposal();
        ApprovalEntity row = new ApprovalEntity();
        row.tenant = proposal.tenant();
        row.proposalId = proposal.proposalId();
        row.assistant = proposal.assistant();
        row.action = proposal.action();
        row.actionVersion = proposal.actionVersion();
        row.approvalMode = proposal.approvalMode();
        row.state = arrival.state();
        row.snapshot = snapshot;
        row.required = arrival.required();
        row.decidedBy = new ArrayList<>(arrival.decidedBy());
        row.expiresAt = proposal.expiresAt();
        row.decidedAt = arrival.decidedAt();
        row.acceptedEventId = acceptedEventId;
        return row;
    }

    /** This row's key. */
    public Key key() {
        return new Key(tenant, proposalId);
    }
}
