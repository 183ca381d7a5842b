package dev.countersign.proposal.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * The replica's head of one action: the latest version seen and whether it is retired. Written only by the
 * monotonic upserts of {@link ReplicaHeadRepository}, read as an entity.
 */
@Entity
@Table(name = "action_heads")
@IdClass(ReplicaHead.Key.class)
public class ReplicaHead {
    /** Status of an action that takes proposals. */
    public static final String ACTIVE = "active";
    /** Status of a retired action. */
    public static final String RETIRED = "retired";

    @Id
    public String tenant;
    @Id
    public String assistant;
    @Id
    public String name;
    @Column(name = "latest_version")
    public int latestVersion;
    public String status;
    @Column(name = "updated_at", insertable = false, updatable = false)
    public Instant updatedAt;

    public boolean retired() {
        return RETIRED.equals(status);
    }

    /** The primary key: one head per action. */
    public record Key(String tenant, String assistant, String name) implements Serializable {
    }
}
