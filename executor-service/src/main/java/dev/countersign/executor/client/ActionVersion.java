package dev.countersign.executor.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.contracts.actions.ActionDefinition;
import java.util.List;

/**
 * A pinned definition version and the action's currently valid signing secrets (newest first), as the
 * registry's internal endpoint answers them. {@link #toString()} never shows the secrets.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionVersion(ActionDefinition definition, List<String> signingSecrets) {

    public ActionVersion {
        signingSecrets = signingSecrets == null ? List.of() : List.copyOf(signingSecrets);
    }

    @Override
    public String toString() {
        return "ActionVersion[" + (definition == null ? "?" : definition.name() + " v" + definition.version())
                + ", " + signingSecrets.size() + " secret(s)]";
    }
}
