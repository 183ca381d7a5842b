package dev.countersign.registry.persistence;

import dev.countersign.registry.domain.SecretCipher.Sealed;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * An outbound credential of a tenant, a row of {@code credentials} (schema: Flyway {@code V3__credentials.sql});
 * the value is sealed and never leaves the registry except to the executor.
 */
@Entity
@Table(name = "credentials")
@IdClass(CredentialEntity.Key.class)
public class CredentialEntity {

    /** The primary key {@code (tenant, name)}. */
    public record Key(String tenant, String name) implements Serializable {
    }

    @Id
    public String tenant;

    @Id
    public String name;

    public String description;

    @Column(name = "master_key_id")
    public String masterKeyId;

    public byte[] nonce;

    public byte[] ciphertext;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", insertable = false, updatable = false)
    public Instant updatedAt;

    /** The sealed value. */
    public Sealed value() {
        return new Sealed(masterKeyId, nonce, ciphertext);
    }
}
