-- Replica of countersign.actions: every published version as received (immutable once written).
CREATE TABLE action_versions (
    tenant      TEXT        NOT NULL,
    assistant   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    version     INT         NOT NULL,
    definition  TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, assistant, name, version)
);

-- Replica head of each action: the latest version seen and whether it is retired. Only moves forward
-- (a redelivered or older event never lowers latest_version), so replaying the topic rebuilds it exactly.
CREATE TABLE action_heads (
    tenant         TEXT        NOT NULL,
    assistant      TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    latest_version INT         NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('active', 'retired')),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, assistant, name)
);

-- Every proposal received (Kafka or HTTP) with its outcome. The primary key is the dedupe key: a proposal id
-- is unique per tenant; body_hash (SHA-256 of the canonical body) tells a redelivery from a conflict.
-- tenant is '' for a malformed proposal that named none.
CREATE TABLE proposals (
    tenant          TEXT        NOT NULL,
    proposal_id     TEXT        NOT NULL,
    body_hash       TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    assistant       TEXT,
    action          TEXT,
    conversation_id TEXT,
    status          TEXT        NOT NULL CHECK (status IN ('accepted', 'rejected')),
    code            TEXT,
    action_version  INT,
    approval_mode   TEXT,
    expires_at      TIMESTAMPTZ,
    submitted_at    TIMESTAMPTZ NOT NULL,
    -- the data of the accepted/rejected event, returned again to an identical retry
    outcome         TEXT        NOT NULL,
    channel         TEXT        NOT NULL CHECK (channel IN ('kafka', 'http')),
    PRIMARY KEY (tenant, proposal_id)
);

-- Bodies that reused an existing proposal id: each distinct one is rejected (duplicate_conflict) once, so a
-- redelivery of the conflicting message emits nothing new and the stored proposal is never touched.
CREATE TABLE proposal_conflicts (
    tenant      TEXT        NOT NULL,
    proposal_id TEXT        NOT NULL,
    body_hash   TEXT        NOT NULL,
    rejected_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, proposal_id, body_hash)
);
