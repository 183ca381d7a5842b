package dev.countersign.registry.persistence;

import dev.countersign.registry.domain.ActionId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * The head of an action, one row of {@code actions} (schema: Flyway {@code V1__actions.sql}): its latest
 * version and whether it is active or retired. Saving and retiring lock this row, so versions are numbered
 * without gaps or duplicates.
 */
@Entity
@Table(name = "actions")
@IdClass(ActionEntity.Key.class)
public class ActionEntity {

    /** The primary key {@code (tenant, assistant, name)}. */
    public record Key(String tenant, String assistant, String name) implements Serializable {

        public static Key of(ActionId id) {
            return new Key(id.tenant(), id.assistant(), id.name());
        }
    }

    @Id
    public String tenant;

    @Id
    public String assistant;

    @Id
    public String name;

    @Column(name = "latest_version")
    public int latestVersion;

    /** {@code active} or {@code retired}. */
    public String status;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A new head for {@code id}, not yet persisted. */
    public static ActionEntity of(ActionId id) {
        ActionEntity head = new ActionEntity();
        head.tenant = id.tenant();
        head.assistant = id.assistant();
        head.name = id.name();
        return head;
    }
}
