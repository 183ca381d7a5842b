package dev.countersign.approval.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.approval.domain.ApprovalStatus;
import dev.countersign.approval.domain.ApprovalView;
import dev.countersign.approval.domain.DecisionRecord;
import dev.countersign.approval.domain.Digests;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.DryRunResult;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.RequiredApproval;
import dev.countersign.contracts.events.User;
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
import java.util.Map;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.JdbcTypeRegistration;
import org.hibernate.type.SqlTypes;

/**
 * One row of {@code approvals} (schema owned by Flyway, {@code V1}, {@code V2}, {@code V4}): an accepted
 * proposal's approval from arrival until a decision or expiry. Keyed by tenant and proposal id, so one tenant can never claim or shadow
 * another's proposal; the JSONB columns are typed fields, bound as exact text by the kit's {@link JsonbText} and
 * {@code ContractJsonFormat}. Its decisions are rows of {@code decisions} ({@link DecisionEntity}).
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

    /** The mode as proposed (the definition's); {@link #mode} is the one that applies. */
    @Column(name = "approval_mode")
    public String approvalMode;

    public String mode;

    @Convert(converter = ApprovalStatusColumn.class)
    public ApprovalStatus status;

    /**
     * The proposal.accepted data as received, kept whole so fields this service does not read yet survive. It
     * never changes; {@code @Immutable} also spares Hibernate a deep copy for dirty checking (a JsonNode's Java
     * serialization would read decimals back as doubles and see a change that is none).
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Immutable
    @Column(updatable = false)
    public ObjectNode snapshot;

    /** The effective parameters: what runs when approved. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> parameters;

    /** The parameters as the assistant proposed them. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "proposed_parameters", updatable = false)
    public Map<String, Object> proposedParameters;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "dry_run")
    public DryRunResult dryRun;

    @Column(name = "dry_run_pending")
    public boolean dryRunPending;

    /** The parameters digest of the outstanding dry run. */
    @Column(name = "dry_run_parameters_digest")
    public String dryRunParametersDigest;

    public String digest;

    /** How many times the parameters were edited: decisions of earlier revisions never count again. */
    public int revision;

    /** {@code end_user} or {@code role:<name>}; null when nobody has to approve. */
    public String approver;

    public Integer quorum;

    @Column(name = "forbid_self_approval")
    public boolean forbidSelfApproval;

    public String rule;

    @Column(name = "end_user_id")
    public String endUserId;

    @Column(name = "submitted_by")
    public String submittedBy;

    /** Who decided once final (the counting approvals, the denial, the policy); empty while pending. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "decided_by")
    public List<Decider> decidedBy = new ArrayList<>();

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** When the status became final; null while pending. */
    @Column(name = "decided_at")
    public Instant decidedAt;

    /** The CloudEvent id of the proposal.accepted that created the row, for tracing. */
    @Column(name = "accepted_event_id")
    public String acceptedEventId;

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The row an arrival creates; {@code snapshot} is the accepted event's data as received. */
    public static ApprovalEntity arrived(ApprovalView view, String approvalMode, String acceptedEventId,
            ObjectNode snapshot) {
        ApprovalEntity row = new ApprovalEntity();
        row.tenant = view.tenant();
        row.proposalId = view.proposalId();
        row.assistant = view.assistant();
        row.action = view.action();
        row.actionVersion = view.actionVersion();
        row.approvalMode = approvalMode;
        row.snapshot = snapshot;
        row.proposedParameters = view.proposedParameters();
        row.endUserId = view.endUserId();
        row.submittedBy = view.submittedBy();
        row.expiresAt = view.expiresAt();
        row.acceptedEventId = acceptedEventId;
        row.createdAt = view.createdAt();
        row.apply(view, view.createdAt());
        return row;
    }

    /** Takes the state of {@code view} (after a transition) over, as of {@code now}. */
    public void apply(ApprovalView view, Instant now) {
        mode = view.mode();
        status = view.status();
        parameters = view.parameters();
        dryRun = view.dryRun();
        dryRunPending = view.dryRunPending();
        if (view.dryRunPending()) {
            dryRunParametersDigest = Digests.parameters(view.action(), view.actionVersion(), view.parameters());
        }
        digest = view.digest();
        revision = view.revision();
        RequiredApproval required = view.required();
        approver = required == null ? null : required.approver();
        quorum = required == null ? null : required.quorum();
        forbidSelfApproval = required != null && Boolean.TRUE.equals(required.forbidSelfApproval());
        rule = required == null ? null : required.rule();
        decidedAt = view.decidedAt();
        updatedAt = now;
    }

    /** Who is required, or null. */
    public RequiredApproval required() {
        return approver == null ? null : RequiredApproval.of(approver, quorum == null ? 1 : quorum,
                forbidSelfApproval, rule);
    }

    /**
     * The proposal as accepted, read back from the snapshot: its pinned parameter schema and approval block are
     * what an edit is checked and re-routed by. Null when the snapshot cannot be read as one.
     */
    public ProposalAccepted accepted() {
        if (snapshot == null) {
            return null;
        }
        try {
            return Json.mapper().treeToValue(snapshot, ProposalAccepted.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The approval as the domain sees it, with {@code decisions} (oldest first). */
    public ApprovalView view(List<DecisionRecord> decisions) {
        JsonNode user = snapshot == null ? null : snapshot.get("user");
        User u = user == null || !user.isObject() ? null : Json.mapper().convertValue(user, User.class);
        // Rows from before digests were kept get theirs when first read (and stored with the next change).
        String current = digest != null ? digest : Digests.of(action, actionVersion, parameters, dryRun);
        return new ApprovalView(proposalId, tenant, status, mode, assistant, action, actionVersion, u,
                text("conversation_id"), text("reason"), text("trigger"), submittedBy, proposedParameters,
                parameters, dryRun, dryRunPending, required(), decisions, expiresAt, current, decidedAt, createdAt,
                revision);
    }

    private String text(String field) {
        JsonNode node = snapshot == null ? null : snapshot.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** This row's key. */
    public Key key() {
        return new Key(tenant, proposalId);
    }
}
