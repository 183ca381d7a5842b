package dev.countersign.registry.persistence;

import dev.countersign.registry.domain.SecretCipher.Sealed;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL over {@code credentials}: sealed outbound secrets of a tenant, by name. */
@ApplicationScoped
public class CredentialRepository {
    private final Pool pool;

    CredentialRepository(Pool pool) {
        this.pool = pool;
    }

    /** A stored credential; the value still sealed. */
    public record StoredCredential(String name, String description, Sealed value, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    /** Creates or replaces; true when it was created. */
    public Uni<Boolean> upsert(String tenant, String name, String description, Sealed value) {
        return pool.preparedQuery("INSERT INTO credentials (tenant, name, description, master_key_id, nonce, ciphertext) "
                + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant, name) DO UPDATE SET description = EXCLUDED.description, "
                + "master_key_id = EXCLUDED.master_key_id, nonce = EXCLUDED.nonce, ciphertext = EXCLUDED.ciphertext, "
                + "updated_at = now() RETURNING (xmax = 0) AS created")
                .execute(Tuple.from(new Object[] {tenant, name, description, value.masterKeyId(),
                        Buffer.buffer(value.nonce()), Buffer.buffer(value.ciphertext())}))
                .map(rows -> rows.iterator().next().getBoolean("created"));
    }

    public Uni<StoredCredential> find(String tenant, String name) {
        return pool.preparedQuery("SELECT * FROM credentials WHERE tenant = $1 AND name = $2")
                .execute(Tuple.of(tenant, name))
                .map(rows -> rows.size() == 0 ? null : toCredential(rows.iterator().next()));
    }

    public Uni<List<StoredCredential>> list(String tenant) {
        return pool.preparedQuery("SELECT * FROM credentials WHERE tenant = $1 ORDER BY name").execute(Tuple.of(tenant))
                .map(rows -> {
                    List<StoredCredential> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toCredential(r)));
                    return out;
                });
    }

    public Uni<Boolean> delete(String tenant, String name) {
        return pool.preparedQuery("DELETE FROM credentials WHERE tenant = $1 AND name = $2")
                .execute(Tuple.of(tenant, name)).map(rows -> rows.rowCount() > 0);
    }

    private static StoredCredential toCredential(Row r) {
        return new StoredCredential(r.getString("name"), r.getString("description"),
                new Sealed(r.getString("master_key_id"), r.getBuffer("nonce").getBytes(), r.getBuffer("ciphertext").getBytes()),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }
}
