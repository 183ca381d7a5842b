package dev.countersign.executor.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.contracts.actions.ActionDefinition;
import java.util.List;
import java.util.Map;

/**
 * A pinned definition version, the action's currently valid signing secrets (newest first) and the outbound
 * credential its {@code execution.auth} names ({@code credentials}: name to value), as the registry's internal
 * endpoint answers them. {@link #toString()} never shows secrets or credentials.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionVersion(ActionDefinition definition, List<String> signingSecrets, List<SigningKey> signingKeys,
        Map<String, String> credentials) {

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
        // Map.copyOf refuses null values; a credential without a value is as good as missing
        credentials = credentials == null ? Map.of() : credentials.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public ActionVersion(ActionDefinition definition, List<String> signingSecrets, List<SigningKey> signingKeys) {
        this(definition, signingSecrets, signingKeys, Map.of());
    }

    public ActionVersion(ActionDefinition definition, List<String> signingSecrets) {
        this(definition, signingSecrets, List.of(), Map.of());
    }

    /** The v1a Ed25519 private keys ({@code whsk_...}), newest first. */
    public List<String> privateKeys() {
        return signingKeys.stream().map(SigningKey::privateKey).filter(k -> k != null && !k.isBlank()).toList();
    }

    /** The value of the credential called {@code name}, or null when the registry did not hand it out. */
    public String credential(String name) {
        return name == null ? null : credentials.get(name);
    }

    @Override
    public String toString() {
        return "ActionVersion[" + (definition == null ? "?" : definition.name() + " v" + definition.version())
                + ", " + signingSecrets.size() + " secret(s), " + credentials.size() + " credential(s)]";
    }
}
