package dev.countersign.registry.domain;

import dev.countersign.kit.rest.ProblemException;
import dev.countersign.registry.config.RegistryConfig;
import dev.countersign.registry.persistence.ActionRepository;
import dev.countersign.registry.persistence.SigningKeyRepository;
import dev.countersign.registry.persistence.SigningKeyRepository.StoredKey;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Issues, rotates and unseals an action's webhook signing keys. Secrets are encrypted before they reach the
 * database and are returned in clear only on creation, on rotation, and to the executor's internal call.
 */
@ApplicationScoped
public class SigningKeys {
    private final Pool pool;
    private final ActionRepository actions;
    private final SigningKeyRepository keys;
    private final SecretCipher cipher;
    private final RegistryConfig config;

    SigningKeys(Pool pool, ActionRepository actions, SigningKeyRepository keys, RegistryConfig config,
            SecretCipher cipher) {
        this.pool = pool;
        this.actions = actions;
        this.keys = keys;
        this.config = config;
        this.cipher = cipher;
    }

    /** Issues a first key generation inside the caller's transaction. */
    public Uni<SigningSecrets.Generated> issue(SqlClient tx, String tenant, String assistant, String name) {
        SigningSecrets.Generated generated = SigningSecrets.generate();
        String aad = aad(tenant, assistant, name, generated.keyId());
        return keys.insert(tx, tenant, assistant, name, generated.keyId(), cipher.seal(generated.secret(), aad + "/v1"),
                cipher.seal(generated.privateKey(), aad + "/v1a"), generated.publicKey()).replaceWith(generated);
    }

    /** Issues a new generation; the previous keys stay valid for the configured overlap. */
    public Uni<Rotation> rotate(String tenant, String assistant, String name) {
        return pool.withTransaction(tx -> actions.lockHead(tx, tenant, assistant, name).flatMap(head -> {
            if (head == null) {
                throw ProblemException.notFound("action not found");
            }
            return keys.expireCurrent(tx, tenant, assistant, name, config.rotationOverlap())
                    .flatMap(v -> issue(tx, tenant, assistant, name))
                    .map(g -> new Rotation(g, config.rotationOverlap().toSeconds()));
        }));
    }

    /** A new key generation and how long the previous one stays valid. */
    public record Rotation(SigningSecrets.Generated key, long previousValidForSeconds) {
    }

    /** Keys valid now, unsealed, newest first: what the executor signs with. */
    public Uni<List<SigningSecrets.Generated>> unsealValid(String tenant, String assistant, String name) {
        return keys.valid(tenant, assistant, name).map(list -> list.stream().map(k -> unseal(tenant, assistant, name, k))
                .toList());
    }

    /** Public view of every key (no secrets). */
    public Uni<List<StoredKey>> all(String tenant, String assistant, String name) {
        return keys.all(tenant, assistant, name);
    }

    private SigningSecrets.Generated unseal(String tenant, String assistant, String name, StoredKey k) {
        String aad = aad(tenant, assistant, name, k.keyId());
        return new SigningSecrets.Generated(k.keyId(), cipher.open(k.hmac(), aad + "/v1"),
                cipher.open(k.ed25519(), aad + "/v1a"), k.publicKey());
    }

    private static String aad(String tenant, String assistant, String name, String keyId) {
        return tenant + "/" + assistant + "/" + name + "/" + keyId;
    }
}
