-- One execution record per approved proposal: created on the first approved event, moved to a final state
-- exactly once. A proposal id is unique per tenant (DESIGN §2), hence the tenant in the key.
CREATE TABLE executions (
    tenant       TEXT        NOT NULL,
    proposal_id  TEXT        NOT NULL,
    -- stable across every attempt and every redelivery of the approved event, so receivers can dedupe
    webhook_id   TEXT        NOT NULL UNIQUE,
    action       TEXT        NOT NULL,
    action_version INT       NOT NULL,
    state        TEXT        NOT NULL CHECK (state IN ('delivering', 'succeeded', 'failed')),
    attempts     INT         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    http_status  INT,
    -- succeeded: {"message", "data"}; failed: {"error": {"code", "message"}}
    result       JSONB,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at TIMESTAMPTZ,
    PRIMARY KEY (tenant, proposal_id),
    CHECK ((state = 'delivering') = (completed_at IS NULL))
);
