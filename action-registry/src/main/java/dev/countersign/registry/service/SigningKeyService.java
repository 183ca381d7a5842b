package dev.countersign.registry.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.contracts.internal.ActionVersion;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.persistence.Transactions;
import dev.countersign.registry.config.RegistryConfig;
import dev.countersign.registry.domain.ActionId;
import dev.countersign.registry.domain.SecretCipher;
import dev.countersign.registry.domain.SigningSecrets;
import dev.countersign.registry.persistence.ActionRepository;
import dev.countersign.registry.persistence.SigningKeyEntity;
import dev.countersign.registry.persistence.SigningKeyRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Issues, rotates and unseals an action's webhook signing keys. Secrets are encrypted before they reach the
 * database and are returned in clear only on creation, on rotation, and to the executor's internal call.
 */
@ApplicationScoped
public class SigningKeyService {
    private final Transactions transactions;
    private final ActionRepository actions;
    private final SigningKeyRepository keys;
    private final SecretCipher cipher;
    private final RegistryConfig config;

    SigningKeyService(Transactions transactions, ActionRepository actions, SigningKeyRepository keys,
            SecretCipher cipher, RegistryConfig config) {
        this.transactions = transactions;
        this.actions = actions;
        this.keys = keys;
        this.cipher = cipher;
        this.config = config;
    }

    /** A new key generation and how long the previous one stays valid. */
    public record Rotation(SigningSecrets.Generated key, long previousValidForSeconds) {
    }

    /** The public part of a key generation, safe to show to any member of the tenant. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PublicKey(String keyId, String publicKey, Instant createdAt, Instant expiresAt) {
    }

    /** Issues a first key generation inside the caller's transaction. */
    Uni<SigningSecrets.Generated> issue(ActionId id) {
        SigningSecrets.Generated generated = SigningSecrets.generate();
        String aad = aad(id, generated.keyId());
        SigningKeyEntity row = SigningKeyEntity.of(id, generated.keyId(), cipher.seal(generated.secret(), aad + "/v1"),
                cipher.seal(generated.privateKey(), aad + "/v1a"), generated.publicKey());
        return keys.persist(row).replaceWith(generated);
    }

    /** Issues a new generation; the previous keys stay valid for the configured overlap. */
    public Uni<Rotation> rotate(ActionId id) {
        return transactions.write(session -> actions.lock(id).flatMap(head -> {
            if (head == null) {
                throw DomainException.notFound("action not found");
            }
            return keys.expireAfter(id, Instant.now().plus(config.rotationOverlap()))
                    .flatMap(expired -> issue(id))
                    .map(g -> new Rotation(g, config.rotationOverlap().toSeconds()));
        }));
    }

    /** Public view of every key of an existing action, newest first. */
    public Uni<List<PublicKey>> publicKeys(ActionId id) {
        return transactions.read(session -> actions.find(id).flatMap(head -> {
            if (head == null) {
                throw DomainException.notFound("action not found");
            }
            return keys.all(id);
        })).map(all -> all.stream().map(k -> new PublicKey(k.keyId, k.edPublicKey, k.createdAt, k.expiresAt)).toList());
    }

    /** Keys valid now, unsealed, newest first: what the executor signs with. Runs in the caller's session. */
    Uni<List<ActionVersion.SigningKey>> unsealValid(ActionId id) {
        return keys.valid(id, Instant.now()).map(list -> list.stream().map(k -> {
            String aad = aad(id, k.keyId);
            return new ActionVersion.SigningKey(k.keyId, cipher.open(k.hmac(), aad + "/v1"),
                    cipher.open(k.ed25519(), aad + "/v1a"), k.edPublicKey);
        }).toList());
    }

    // Binds each ciphertext to its action and key, so a row copied elsewhere does not decrypt.
    private static String aad(ActionId id, String keyId) {
        return id.key() + "/" + keyId;
    }
}
