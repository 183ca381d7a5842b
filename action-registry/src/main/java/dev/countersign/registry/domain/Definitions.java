package dev.countersign.registry.domain;

import dev.countersign.contracts.actions.ActionDefinition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The lifecycle of a definition: a saved version is stamped with its number, {@code active} status, the compiled
 * parameter schema and its creation time; a version older than the action's latest reads as {@code superseded}.
 */
public final class Definitions {
    /** The latest version of an action that takes proposals. */
    public static final String ACTIVE = "active";
    /** The latest version of an action that takes no new proposals. */
    public static final String RETIRED = "retired";
    /** Any version older than the latest. */
    public static final String SUPERSEDED = "superseded";

    private Definitions() {
    }

    /** The id of {@code d}. */
    public static ActionId id(ActionDefinition d) {
        return new ActionId(d.tenant(), d.assistant(), d.name());
    }

    /** {@code d} named by {@code id}, without any of the fields the registry writes itself. */
    public static ActionDefinition input(ActionDefinition d, ActionId id) {
        return new ActionDefinition(id.tenant(), id.assistant(), id.name(), d.displayName(), d.description(),
                d.parameters(), d.parametersSchema(), d.approval(), d.execution(), d.rateLimits(),
                null, null, null, null);
    }

    /** Version {@code version} of {@code d} as stored and published. */
    public static ActionDefinition stamp(ActionDefinition d, int version, Instant now) {
        return new ActionDefinition(d.tenant(), d.assistant(), d.name(), d.displayName(), d.description(),
                d.parameters(), d.parametersSchema(), d.approval(), d.execution(), d.rateLimits(), version, ACTIVE,
                ParameterSchemaCompiler.compile(d), now.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Stored version {@code d} as a reader sees it, given the action's latest version and head status: the latest
     * carries the head's status (active or retired), an older one is superseded.
     */
    public static ActionDefinition asRead(ActionDefinition d, int latestVersion, String headStatus) {
        String status = d.version() != null && d.version() < latestVersion ? SUPERSEDED : headStatus;
        return new ActionDefinition(d.tenant(), d.assistant(), d.name(), d.displayName(), d.description(),
                d.parameters(), d.parametersSchema(), d.approval(), d.execution(), d.rateLimits(), d.version(), status,
                d.parametersJsonSchema(), d.createdAt());
    }
}
