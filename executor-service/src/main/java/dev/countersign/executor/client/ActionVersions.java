package dev.countersign.executor.client;

import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.actions.OutboundAuth;
import dev.countersign.executor.config.RegistryConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's answers, cached in memory: definition versions for good (a version never changes) and
 * signing secrets and outbound credentials for a short TTL (so a rotation or revocation reaches the executor
 * within it).
 */
@ApplicationScoped
public class ActionVersions {
    private final RegistryClient registry;
    private final RegistryConfig config;
    private final Clock clock;
    private final Map<String, ActionDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<String, Secrets> secrets = new ConcurrentHashMap<>();

    private record Secrets(List<String> values, List<ActionVersion.SigningKey> keys, Map<String, String> credentials,
            Instant expires) {
        @Override
        public String toString() {
            return "Secrets[" + values.size() + " secret(s), " + credentials.size() + " credential(s)]";
        }

        /** Whether these hold what {@code definition} needs: its {@code execution.auth} credential, if any. */
        boolean covers(ActionDefinition definition) {
            OutboundAuth auth = definition.execution() == null ? null : definition.execution().auth();
            return auth == null || auth.credential() == null || credentials.containsKey(auth.credential());
        }
    }

    ActionVersions(RegistryClient registry, RegistryConfig config) {
        this.registry = registry;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /**
     * The pinned version with fresh secrets and credentials; fails with {@link DefinitionNotFoundException} when
     * unknown.
     */
    public Uni<ActionVersion> get(String tenant, String assistant, String name, int version) {
        String actionKey = tenant + "/" + assistant + "/" + name;
        String versionKey = actionKey + "/" + version;
        ActionDefinition definition = definitions.get(versionKey);
        Secrets cached = secrets.get(actionKey);
        // Secrets are cached per action but a credential per version's execution.auth: another version of the
        // action may name another credential, so a cache entry lacking ours is a miss.
        if (definition != null && cached != null && cached.expires().isAfter(clock.instant())
                && cached.covers(definition)) {
            return Uni.createFrom().item(new ActionVersion(definition, cached.values(), cached.keys(),
                    cached.credentials()));
        }
        return registry.fetch(tenant, assistant, name, version).invoke(fetched -> {
            if (definitions.size() >= config.definitionCacheSize()) {
                // crude but bounded: refetching is cheap and versions are looked up rarely after delivery
                definitions.clear();
            }
            definitions.put(versionKey, fetched.definition());
            secrets.put(actionKey, new Secrets(fetched.signingSecrets(), fetched.signingKeys(), fetched.credentials(),
                    clock.instant().plus(config.secretsTtl())));
        });
    }
}
