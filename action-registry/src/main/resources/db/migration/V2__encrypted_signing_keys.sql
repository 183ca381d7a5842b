-- Signing keys are stored encrypted (AES-256-GCM under a configured master key, whose id is kept so the
-- master key can rotate). One row is one key generation: a Standard Webhooks v1 HMAC secret and a v1a
-- Ed25519 key pair. Pre-release plaintext keys from V1 are dropped; their actions get a key on rotation.
DROP TABLE signing_keys;

CREATE TABLE signing_keys (
    tenant          TEXT        NOT NULL,
    assistant       TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    key_id          TEXT        NOT NULL,
    master_key_id   TEXT        NOT NULL,
    hmac_nonce      BYTEA       NOT NULL,
    hmac_ciphertext BYTEA       NOT NULL,
    ed_nonce        BYTEA       NOT NULL,
    ed_ciphertext   BYTEA       NOT NULL,
    ed_public_key   TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at      TIMESTAMPTZ,
    PRIMARY KEY (tenant, assistant, name, key_id)
);
CREATE INDEX signing_keys_by_action ON signing_keys (tenant, assistant, name, created_at DESC);
