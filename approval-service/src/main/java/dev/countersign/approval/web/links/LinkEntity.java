package dev.countersign.approval.web.links;

import dev.countersign.kit.persistence.JsonbText;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.JdbcTypeRegistration;
import org.hibernate.type.SqlTypes;

/**
 * One row of {@code approval_links} (Flyway {@code V3__approval_links.sql}): an issued one-time link. The token
 * carries the same facts, signed; the row is what makes the link single-use ({@code used_at}).
 */
@Entity
@Table(name = "approval_links")
@JdbcTypeRegistration(JsonbText.class)
public class LinkEntity extends PanacheEntityBase {

    @Id
    @Column(name = "link_id")
    public String linkId;

    /** Shared by the approve and deny link issued together: using one consumes both. */
    @Column(name = "issue_id")
    public String issueId;

    public String tenant;

    @Column(name = "proposal_id")
    public String proposalId;

    public String approver;

    /** {@code approve} or {@code deny}. */
    public String decision;

    public String digest;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> groups = new ArrayList<>();

    /**
     * Who asked for the link. When that is not the approver, the issuer vouched for them: the decision made with
     * the link records the issuer as {@code issued_by}, and the quorum counts the issuer.
     */
    @Column(name = "issued_by")
    public String issuedBy;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
