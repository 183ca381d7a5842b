package dev.countersign.registry.persistence;

import dev.countersign.registry.domain.ActionId;
import dev.countersign.registry.domain.SecretCipher.Sealed;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * One key generation of an action, a row of {@code signing_keys} (schema: Flyway
 * {@code V2__encrypted_signing_keys.sql}): the v1 HMAC secret and the v1a Ed25519 private key, both sealed
 * under the same master key, the public key in clear, and the validity window.
 */
@Entity
@Table(name = "signing_keys")
@IdClass(SigningKeyEntity.Key.class)
public class SigningKeyEntity {

    /** The primary key {@code (tenant, assistant, name, key_id)}. */
    public record Key(String tenant, String assistant, String name, String keyId) implements Serializable {
    }

    @Id
    public String tenant;

    @Id
    public String assistant;

    @Id
    public String name;

    @Id
    @Column(name = "key_id")
    public String keyId;

    @Column(name = "master_key_id")
    public String masterKeyId;

    @Column(name = "hmac_nonce")
    public byte[] hmacNonce;

    @Column(name = "hmac_ciphertext")
    public byte[] hmacCiphertext;

    @Column(name = "ed_nonce")
    public byte[] edNonce;

    @Column(name = "ed_ciphertext")
    public byte[] edCiphertext;

    @Column(name = "ed_public_key")
    public String edPublicKey;

    /** Set by the database ({@code DEFAULT now()}); orders the generations, newest first. */
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /** When the key stops being valid; null while it is the current one. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** A new generation for {@code id}; both secrets must be sealed under the same master key. */
    public static SigningKeyEntity of(ActionId id, String keyId, Sealed hmac, Sealed ed25519, String publicKey) {
        if (!hmac.masterKeyId().equals(ed25519.masterKeyId())) {
            throw new IllegalArgumentException("both secrets of a generation are sealed under one master key");
        }
        SigningKeyEntity k = new SigningKeyEntity();
        k.tenant = id.tenant();
        k.assistant = id.assistant();
        k.name = id.name();
        k.keyId = keyId;
        k.masterKeyId = hmac.masterKeyId();
        k.hmacNonce = hmac.nonce();
        k.hmacCiphertext = hmac.ciphertext();
        k.edNonce = ed25519.nonce();
        k.edCiphertext = ed25519.ciphertext();
        k.edPublicKey = publicKey;
        return k;
    }

    /** The sealed v1 HMAC secret. */
    public Sealed hmac() {
        return new Sealed(masterKeyId, hmacNonce, hmacCiphertext);
    }

    /** The sealed v1a Ed25519 private key. */
    public Sealed ed25519() {
        return new Sealed(masterKeyId, edNonce, edCiphertext);
    }
}
