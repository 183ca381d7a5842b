-- One row per accepted proposal: its approval state from arrival until a decision or expiry.
-- Keyed by (tenant, proposal_id): proposal ids are unique per tenant (DESIGN §2), so one tenant can never
-- claim, or shadow, another tenant's proposal by reusing its id. The key also makes intake idempotent:
-- a redelivered or repeated proposal.accepted hits the key and changes nothing.
CREATE TABLE approvals (
    tenant            TEXT        NOT NULL,
    proposal_id       TEXT        NOT NULL,
    assistant         TEXT        NOT NULL,
    action            TEXT        NOT NULL,
    action_version    INT         NOT NULL,
    approval_mode     TEXT        NOT NULL CHECK (approval_mode IN ('auto', 'require_approval', 'dry_run_first')),
    state             TEXT        NOT NULL CHECK (state IN ('awaiting', 'approved', 'denied', 'expired')),
    -- The proposal.accepted data as received: what is being approved (parameters, user, conversation...).
    snapshot          JSONB       NOT NULL,
    -- Who must approve ({role | end_user, quorum}); null when nobody has to (auto, expired on arrival).
    required          JSONB,
    -- Every approval or denial so far, [{actor, channel, at}]; decisions append here in a later stage.
    decided_by        JSONB       NOT NULL DEFAULT '[]',
    expires_at        TIMESTAMPTZ NOT NULL,
    -- When the state became final (approved, denied, expired); null while awaiting.
    decided_at        TIMESTAMPTZ,
    -- The CloudEvent id of the proposal.accepted that created the row, for tracing.
    accepted_event_id TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, proposal_id),
    CHECK ((state = 'awaiting') = (decided_at IS NULL))
);

-- The inbox: a tenant's approvals in one state, paged by proposal id.
CREATE INDEX approvals_by_tenant_state ON approvals (tenant, state, proposal_id);

-- The expiry sweep looks only at what is still awaiting.
CREATE INDEX approvals_awaiting_by_expiry ON approvals (expires_at) WHERE state = 'awaiting';
