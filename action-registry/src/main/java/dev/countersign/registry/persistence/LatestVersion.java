package dev.countersign.registry.persistence;

import dev.countersign.contracts.actions.ActionDefinition;

/** The latest stored version of an action with its head's status (a projection of a join, not an entity). */
public record LatestVersion(ActionDefinition definition, String status) {
}
