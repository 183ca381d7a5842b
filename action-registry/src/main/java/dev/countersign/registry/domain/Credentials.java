package dev.countersign.registry.domain;

import dev.countersign.kit.rest.ProblemException;
import dev.countersign.registry.persistence.CredentialRepository;
import dev.countersign.registry.persistence.CredentialRepository.StoredCredential;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Pattern;

/** A tenant's outbound credentials: sealed on write, unsealed only for the executor's internal call. */
@ApplicationScoped
public class Credentials {
    static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_.-]{1,64}$");
    static final int MAX_VALUE_LENGTH = 8192;

    private final CredentialRepository repository;
    private final SecretCipher cipher;

    Credentials(CredentialRepository repository, SecretCipher cipher) {
        this.repository = repository;
        this.cipher = cipher;
    }

    /** Stores {@code value} under {@code name}; true when created, false when replaced. */
    public Uni<Boolean> put(String tenant, String name, String description, String value) {
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.invalid("The credential name is not valid.", List.of(new dev.countersign.contracts
                    .events.FieldError("name", "invalid_name", "The name must match ^[a-zA-Z0-9_.-]{1,64}$.")));
        }
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw ProblemException.invalid("The credential value is missing or too long.", List.of(new dev.countersign
                    .contracts.events.FieldError("value", "required", "value must be 1.." + MAX_VALUE_LENGTH
                    + " characters.")));
        }
        return repository.upsert(tenant, name, description, cipher.seal(value, aad(tenant, name)));
    }

    public Uni<List<StoredCredential>> list(String tenant) {
        return repository.list(tenant);
    }

    public Uni<Boolean> exists(String tenant, String name) {
        return repository.find(tenant, name).map(c -> c != null);
    }

    public Uni<Boolean> delete(String tenant, String name) {
        return repository.delete(tenant, name);
    }

    /** The clear value, or null when there is no such credential. */
    public Uni<String> unseal(String tenant, String name) {
        return repository.find(tenant, name).map(c -> c == null ? null : cipher.open(c.value(), aad(tenant, name)));
    }

    private static String aad(String tenant, String name) {
        return "credential/" + tenant + "/" + name;
    }
}
