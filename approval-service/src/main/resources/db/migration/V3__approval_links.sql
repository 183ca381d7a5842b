-- One-time approval links (DESIGN §4b): one row per link. POST /v1/approvals/{id}/links issues a pair (approve and
-- deny) sharing an issue_id; using either consumes both, with a conditional
--   UPDATE approval_links SET used_at = ... WHERE issue_id = ... AND used_at IS NULL
-- in the same transaction as the decision, so a link decides at most once even when used twice at the same time
-- (the second UPDATE waits for the first's row locks, then finds used_at set and changes nothing).
CREATE TABLE approval_links (
    link_id     TEXT        PRIMARY KEY,
    issue_id    TEXT        NOT NULL,
    tenant      TEXT        NOT NULL,
    proposal_id TEXT        NOT NULL,
    -- The subject the link decides as.
    approver    TEXT        NOT NULL,
    decision    TEXT        NOT NULL CHECK (decision IN ('approve', 'deny')),
    -- The approval digest when the link was issued: after an edit the link answers stale_digest.
    digest      TEXT        NOT NULL,
    -- The groups eligibility is evaluated with: the approver's own when they asked for the link themselves, the
    -- approval's required role when a countersign-admin issued it for them (the admin vouches).
    groups      JSONB       NOT NULL DEFAULT '[]',
    issued_by   TEXT        NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    used_at     TIMESTAMPTZ
);

CREATE INDEX approval_links_by_issue ON approval_links (issue_id);
CREATE INDEX approval_links_by_proposal ON approval_links (tenant, proposal_id);
