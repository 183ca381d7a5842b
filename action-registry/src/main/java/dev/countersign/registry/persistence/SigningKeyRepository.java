package dev.countersign.registry.persistence;

import dev.countersign.registry.domain.SecretCipher.Sealed;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL over {@code signing_keys}: sealed (encrypted) secrets, public keys and validity windows. */
@ApplicationScoped
public class SigningKeyRepository {
    private final Pool pool;

    SigningKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /** A stored key generation; secrets still sealed. */
    public record StoredKey(String keyId, Sealed hmac, Sealed ed25519, String publicKey, OffsetDateTime createdAt,
            OffsetDateTime expiresAt) {
    }

    public Uni<Void> insert(SqlClient tx, String tenant, String assistant, String name, String keyId, Sealed hmac,
            Sealed ed25519, String publicKey) {
        return tx.preparedQuery("INSERT INTO signing_keys (tenant, assistant, name, key_id, master_key_id, hmac_nonce, "
                + "hmac_ciphertext, ed_nonce, ed_ciphertext, ed_public_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(Tuple.from(new Object[] {tenant, assistant, name, keyId, hmac.masterKeyId(),
                        Buffer.buffer(hmac.nonce()), Buffer.buffer(hmac.ciphertext()), Buffer.buffer(ed25519.nonce()),
                        Buffer.buffer(ed25519.ciphertext()), publicKey}))
                .replaceWithVoid();
    }

    /** Ends the validity of every currently valid key after {@code overlap} (never extends an earlier end). */
    public Uni<Void> expireCurrent(SqlClient tx, String tenant, String assistant, String name, Duration overlap) {
        return tx.preparedQuery("UPDATE signing_keys SET expires_at = LEAST(COALESCE(expires_at, 'infinity'), "
                + "now() + make_interval(secs => $4)) WHERE tenant = $1 AND assistant = $2 AND name = $3 "
                + "AND (expires_at IS NULL OR expires_at > now())")
                .execute(Tuple.of(tenant, assistant, name, (double) overlap.toSeconds())).replaceWithVoid();
    }

    /** Keys valid now, newest first. */
    public Uni<List<StoredKey>> valid(String tenant, String assistant, String name) {
        return select("AND (expires_at IS NULL OR expires_at > now())", tenant, assistant, name);
    }

    /** Every key ever issued, newest first (public parts are safe to show). */
    public Uni<List<StoredKey>> all(String tenant, String assistant, String name) {
        return select("", tenant, assistant, name);
    }

    private Uni<List<StoredKey>> select(String filter, String tenant, String assistant, String name) {
        return pool.preparedQuery("SELECT * FROM signing_keys WHERE tenant = $1 AND assistant = $2 AND name = $3 "
                + filter + " ORDER BY created_at DESC, key_id").execute(Tuple.of(tenant, assistant, name))
                .map(rows -> {
                    List<StoredKey> out = new ArrayList<>();
                    rows.forEach(r -> out.add(toKey(r)));
                    return out;
                });
    }

    private static StoredKey toKey(Row r) {
        String master = r.getString("master_key_id");
        return new StoredKey(r.getString("key_id"),
                new Sealed(master, r.getBuffer("hmac_nonce").getBytes(), r.getBuffer("hmac_ciphertext").getBytes()),
                new Sealed(master, r.getBuffer("ed_nonce").getBytes(), r.getBuffer("ed_ciphertext").getBytes()),
                r.getString("ed_public_key"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("expires_at"));
    }
}
