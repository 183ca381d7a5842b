package dev.countersign.audit.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.audit.domain.AuditEntry;
import dev.countersign.audit.domain.ChainHash;
import dev.countersign.kit.persistence.JsonbText;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.JdbcTypeRegistration;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code audit_log} as read back (V1 schema, {@code data} a {@code json} column since V3). Read-only:
 * rows are appended only by {@link ChainAppender} under the chain head's lock, and the database refuses updates.
 * {@code data} is bound by the kit's {@link JsonbText} (read as {@code cast(data as text)}, the stored canonical
 * text, then the contracts' lossless mapping), so no number passes through a double; its jsonb write expression is
 * never used here.
 */
@Entity
@Table(name = "audit_log")
@Immutable
@JdbcTypeRegistration(JsonbText.class)
public class AuditRow extends PanacheEntityBase {
    @Id
    public long seq;
    @Column(name = "event_id")
    public String eventId;
    public String type;
    public String source;
    public String subject;
    public String tenant;
    public String actor;
    public OffsetDateTime time;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
    public String topic;
    /** The data snapshot; its numbers are read as BigDecimal/BigInteger, exactly as stored. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode data;
    @Column(name = "proposal_id")
    public String proposalId;
    @Column(name = "conversation_id")
    public String conversationId;
    @Column(name = "prev_hash")
    public String prevHash;
    public String hash;

    /** The row as a domain entry (times as their hashed text). */
    public AuditEntry entry() {
        return new AuditEntry(seq, eventId, type, source, subject, tenant, actor, ChainHash.timestamp(time),
                ChainHash.timestamp(recordedAt), topic, data, prevHash, hash);
    }
}
