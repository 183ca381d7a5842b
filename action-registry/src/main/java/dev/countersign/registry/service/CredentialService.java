package dev.countersign.registry.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.persistence.Transactions;
import dev.countersign.registry.domain.CredentialRules;
import dev.countersign.registry.domain.SecretCipher;
import dev.countersign.registry.persistence.CredentialRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** A tenant's outbound credentials: sealed on write, unsealed only for the executor's internal call. */
@ApplicationScoped
public class CredentialService {
    private final Transactions transactions;
    private final CredentialRepository repository;
    private final SecretCipher cipher;

    CredentialService(Transactions transactions, CredentialRepository repository, SecretCipher cipher) {
        this.transactions = transactions;
        this.repository = repository;
        this.cipher = cipher;
    }

    /** What anyone of the tenant may see of a credential: never its value. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(String name, String description, Instant createdAt, Instant updatedAt) {
    }

    /** Stores {@code value} under {@code name}; true when created, false when replaced. */
    public Uni<Boolean> put(String tenant, String name, String description, String value) {
        CredentialRules.check(name, value);
        var sealed = cipher.seal(value, aad(tenant, name));
        return transactions.write(session -> repository.upsert(session, tenant, name, description, sealed));
    }

    /** The tenant's credentials by name. */
    public Uni<List<Summary>> list(String tenant) {
        return transactions.read(session -> repository.list(tenant)).map(all -> all.stream()
                .map(c -> new Summary(c.name, c.description, c.createdAt, c.updatedAt)).toList());
    }

    /** Whether the tenant has a credential called {@code name}. */
    public Uni<Boolean> exists(String tenant, String name) {
        return transactions.read(session -> repository.find(tenant, name)).map(c -> c != null);
    }

    /** Deletes a credential; not found when there is none. */
    public Uni<Void> delete(String tenant, String name) {
        return transactions.write(session -> repository.delete(tenant, name)).map(deleted -> {
            if (!deleted) {
                throw DomainException.notFound("credential not found");
            }
            return null;
        });
    }

    /** The clear value, or null when there is no such credential. Runs in the caller's session. */
    Uni<String> unseal(String tenant, String name) {
        return repository.find(tenant, name).map(c -> c == null ? null : cipher.open(c.value(), aad(tenant, name)));
    }

    // Binds the ciphertext to its tenant and name, so a row copied elsewhere does not decrypt.
    private static String aad(String tenant, String name) {
        return "credential/" + tenant + "/" + name;
    }
}
