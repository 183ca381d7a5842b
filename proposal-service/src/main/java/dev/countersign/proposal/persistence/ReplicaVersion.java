package dev.countersign.proposal.persistence;

import dev.countersign.contracts.actions.ActionDefinition;
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

/** One {@code action.published} version in this service's replica of {@code countersign.actions}; immutable. */
@Entity
@Table(name = "action_versions")
@IdClass(ReplicaVersion.Key.class)
// JSON columns bound as exact text by the kit (no double rounding through Vert.x JsonObject)
@JdbcTypeRegistration(JsonbText.class)
public class ReplicaVersion {
    @Id
    public String tenant;
    @Id
    public String assistant;
    @Id
    public String name;
    @Id
    public int version;
    /** The definition as published (without secrets), with its compiled {@code parameters_json_schema}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public ActionDefinition definition;
    /** Set by the database when the row is written. */
    @Column(name = "received_at", insertable = false, updatable = false)
    public Instant receivedAt;

    public ReplicaVersion() {
    }

    public ReplicaVersion(String tenant, String assistant, String name, int version, ActionDefinition definition) {
        this.tenant = tenant;
        this.assistant = assistant;
        this.name = name;
        this.version = version;
        this.definition = definition;
    }

    /** The primary key: one row per version of an action. */
    public record Key(String tenant, String assistant, String name, int version) implements Serializable {
    }
}
