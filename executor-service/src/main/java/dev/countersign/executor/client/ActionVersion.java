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
public record ActionVersion(ActionDefinition definition, List<String> signingSecrets, List<SigningKey> signingKeys) {

    /** One key generation as the registry answers it; only the v1a private key is used from here. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SigningKey(String keyId, String privateKey) {
        @Override
        public String toString() {
            return "SigningKey[" + keyId + "]";
        }
    }

    public ActionVersion {
        signingSecrets = signingSecrets == null ? List.of() : List.copyOf(signingSecrets);
        signingKeys = signingKeys == null ? List.of() : List.copyOf(signingKeys);
    }

    public ActionVersion(ActionDefinition definition, List<String> signingSecrets) {
        this(definition, signingSecrets, List.of());
    }

    /** The v1a Ed25519 private keys ({@code whsk_...}), newest first. */
    public List<String> privateKeys() {
        return signingKeys.stream().map(SigningKey::privateKey).filter(k -> k != null && !k.isBlank()).toList();
    }

    @Override
    public String toString() {
        return "ActionVersion[" + (definition == null ? "?" : definition.name() + " v" + definition.version())
                + ", " + signingSecrets.size() + " secret(s)]";
    }
}
