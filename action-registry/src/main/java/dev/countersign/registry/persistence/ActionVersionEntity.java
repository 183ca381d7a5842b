package dev.countersign.registry.persistence;

import dev.countersign.contracts.actions.ActionDefinition;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * One immutable version of a definition, a row of {@code action_versions} (schema: Flyway
 * {@code V1__actions.sql}); {@code definition} is the stamped definition exactly as it was published.
 */
@Entity
@Table(name = "action_versions")
@IdClass(ActionVersionEntity.Key.class)
public class ActionVersionEntity {

    /** The primary key {@code (tenant, assistant, name, version)}. */
    public record Key(String tenant, String assistant, String name, int version) implements Serializable {
    }

    @Id
    public String tenant;

    @Id
    public String assistant;

    @Id
    public String name;

    @Id
    public int version;

    @Convert(converter = DefinitionColumn.class)
    public ActionDefinition definition;

    @Column(name = "created_by")
    public String createdBy;

    /** The row for stamped definition {@code d}, written by {@code createdBy}. */
    public static ActionVersionEntity of(ActionDefinition d, String createdBy) {
        ActionVersionEntity v = new ActionVersionEntity();
        v.tenant = d.tenant();
        v.assistant = d.assistant();
        v.name = d.name();
        v.version = d.version();
        v.definition = d;
        v.createdBy = createdBy;
        return v;
    }
}
