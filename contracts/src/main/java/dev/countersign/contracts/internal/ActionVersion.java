package dev.countersign.contracts.internal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.contracts.actions.ActionDefinition;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The registry's internal answer to the executor ({@code GET /internal/v1/actions/{tenant}/{assistant}/{name}/versions/{version}}):
 * a pinned definition version, the action's currently valid signing keys (newest first) and the outbound
 * credential its {@code execution.auth} names ({@code credentials}: name to value). Written by the registry and
 * read by the executor, so both sides share this one record. It carries secrets: it never travels on Kafka and
 * {@link #toString()} never shows them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionVersion(ActionDefinition definition, List<String> signingSecrets, List<SigningKey> signingKeys,
        Map<String, String> credentials) {
    /**
     * The problem {@code code} of the registry's 404 when the version does not exist. Only this code means "gone for
     * good" to the executor; any other 404 (a wrong URL or port, an older registry) is a configuration fault it
     * retries instead of failing executions.
     */
    public static final String NOT_FOUND = "action_version_not_found";

    /** One key generation: the v1 HMAC secret ({@code whsec_…}) and the v1a Ed25519 pair ({@code whsk_…}/{@code whpk_…}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SigningKey(String keyId, String secret, String privateKey, String publicKey) {
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
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The answer for {@code definition} with {@code keys} (newest first); {@code signing_secrets} is derived from them. */
    public static ActionVersion of(ActionDefinition definition, List<SigningKey> keys, Map<String, String> credentials) {
        return new ActionVersion(definition, keys.stream().map(SigningKey::secret).toList(), keys, credentials);
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
