-- Outbound credentials (e.g. an API token for a ticketing system) that definitions reference by name.
-- Encrypted like signing keys; the value is never returned by the public API.
CREATE TABLE credentials (
    tenant        TEXT        NOT NULL,
    name          TEXT        NOT NULL,
    description   TEXT,
    master_key_id TEXT        NOT NULL,
    nonce         BYTEA       NOT NULL,
    ciphertext    BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, name)
);
