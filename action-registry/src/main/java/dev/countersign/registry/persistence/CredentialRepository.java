package dev.countersign.registry.persistence;

import dev.countersign.registry.domain.SecretCipher.Sealed;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A tenant's credentials ({@link CredentialEntity}). The write is native SQL on purpose: a PUT creates or
 * replaces, and two PUTs of a new name at once must not fail on the primary key, which
 * {@code INSERT … ON CONFLICT DO UPDATE} settles in the database (find-then-persist would race); it runs in the
 * caller's session and transaction.
 */
@ApplicationScoped
public class CredentialRepository implements PanacheRepositoryBase<CredentialEntity, CredentialEntity.Key> {

    /** Creates or replaces {@code tenant}'s credential {@code name}; true when it was created. */
    public Uni<Boolean> upsert(Mutiny.Session session, String tenant, String name, String description, Sealed value) {
        return session.createNativeQuery("INSERT INTO credentials (tenant, name, description, master_key_id, nonce, "
                        + "ciphertext) VALUES (:tenant, :name, CAST(:description AS text), :master, :nonce, "
                        + ":ciphertext) "
                        + "ON CONFLICT (tenant, name) DO UPDATE SET description = EXCLUDED.description, "
                        + "master_key_id = EXCLUDED.master_key_id, nonce = EXCLUDED.nonce, "
                        + "ciphertext = EXCLUDED.ciphertext, updated_at = now() RETURNING (xmax = 0) AS created",
                        Boolean.class)
                .setParameter("tenant", tenant)
                .setParameter("name", name)
                .setParameter("description", description)
                .setParameter("master", value.masterKeyId())
                .setParameter("nonce", value.nonce())
                .setParameter("ciphertext", value.ciphertext())
                .getSingleResult();
    }

    /** {@code tenant}'s credential {@code name}, or null. */
    public Uni<CredentialEntity> find(String tenant, String name) {
        return findById(new CredentialEntity.Key(tenant, name));
    }

    /** {@code tenant}'s credentials by name. */
    public Uni<List<CredentialEntity>> list(String tenant) {
        return find("tenant", Sort.by("name"), tenant).list();
    }

    /** Deletes {@code tenant}'s credential {@code name}; true when there was one. */
    public Uni<Boolean> delete(String tenant, String name) {
        return deleteById(new CredentialEntity.Key(tenant, name));
    }
}
