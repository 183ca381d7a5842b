package dev.countersign.proposal.persistence;

import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalRejected;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import dev.countersign.kit.persistence.JsonbText;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.JdbcTypeRegistration;
import org.hibernate.type.SqlTypes;

/**
 * A proposal this service received (Kafka or HTTP) with its outcome. The key (tenant, proposal id) is the dedupe
 * key; {@code bodyHash} tells a redelivery from a conflict; {@code accepted} or {@code rejected} is the data of the
 * event that was published for it, returned again to an identical retry.
 */
@Entity
@Table(name = "proposals")
@IdClass(Proposal.Key.class)
// JSON columns bound as exact text by the kit (no double rounding through Vert.x JsonObject)
@JdbcTypeRegistration(JsonbText.class)
public class Proposal {
    /** {@link #status} of an accepted proposal. */
    public static final String ACCEPTED = "accepted";
    /** {@link #status} of a rejected proposal. */
    public static final String REJECTED = "rejected";

    @Id
    public String tenant;
    @Id
    @Column(name = "proposal_id")
    public String proposalId;
    /** Lower-case hex SHA-256 of {@link #body}. */
    @Column(name = "body_hash")
    public String bodyHash;
    /** The canonical JSON text of the data as submitted (RFC 8785): the exact text that was hashed. */
    public String body;
    public String assistant;
    public String action;
    @Column(name = "conversation_id")
    public String conversationId;
    public String status;
    /** The rejection code; null when accepted. */
    public String code;
    @Column(name = "action_version")
    public Integer actionVersion;
    @Column(name = "approval_mode")
    public String approvalMode;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public ProposalAccepted accepted;
    @JdbcTypeCode(SqlTypes.JSON)
    public ProposalRejected rejected;
    /** {@code kafka} or {@code http}. */
    public String channel;

    /** The primary key: a proposal id is unique per tenant. */
    public record Key(String tenant, String proposalId) implements Serializable {
    }
}
