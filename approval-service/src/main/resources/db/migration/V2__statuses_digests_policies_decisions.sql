-- Approvals decide (issue 7): the contract's status naming, what approvals are bound to (digest, effective and
-- proposed parameters, dry run), the policy that applied, and every decision.

-- state/awaiting become the contract's status/pending (DESIGN §4b). Constraints naming the old values go first.
ALTER TABLE approvals DROP CONSTRAINT approvals_state_check;
ALTER TABLE approvals DROP CONSTRAINT approvals_check;
DROP INDEX approvals_awaiting_by_expiry;
ALTER TABLE approvals RENAME COLUMN state TO status;
UPDATE approvals SET status = 'pending' WHERE status = 'awaiting';
ALTER TABLE approvals ADD CONSTRAINT approvals_status_check
    CHECK (status IN ('pending', 'approved', 'denied', 'expired'));
ALTER TABLE approvals ADD CONSTRAINT approvals_final_when_decided CHECK ((status = 'pending') = (decided_at IS NULL));
ALTER INDEX approvals_by_tenant_state RENAME TO approvals_by_tenant_status;

-- The mode that applies (a matching rule turns auto into require_approval); approval_mode stays as proposed.
ALTER TABLE approvals ADD COLUMN mode TEXT;
UPDATE approvals SET mode = approval_mode;
ALTER TABLE approvals ALTER COLUMN mode SET NOT NULL;
ALTER TABLE approvals ADD CONSTRAINT approvals_mode_check CHECK (mode IN ('auto', 'require_approval', 'dry_run_first'));

-- What is approved: the effective parameters (an approver may edit them), the proposed ones, the dry run's result,
-- and the digest binding an approval to exactly that (null on rows from before: computed when next read).
ALTER TABLE approvals ADD COLUMN parameters JSONB;
ALTER TABLE approvals ADD COLUMN proposed_parameters JSONB;
UPDATE approvals SET parameters = snapshot -> 'parameters', proposed_parameters = snapshot -> 'parameters';
ALTER TABLE approvals ALTER COLUMN parameters SET NOT NULL;
ALTER TABLE approvals ALTER COLUMN proposed_parameters SET NOT NULL;
ALTER TABLE approvals ADD COLUMN dry_run JSONB;
ALTER TABLE approvals ADD COLUMN digest TEXT;
-- While true nobody can approve: a dry run of the current parameters (named by dry_run_parameters_digest) is out.
ALTER TABLE approvals ADD COLUMN dry_run_pending BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE approvals ADD COLUMN dry_run_parameters_digest TEXT;

-- Who must approve (replaces the required JSONB): end_user or role:<name>, how many, whether the proposer is
-- barred, and the rule that chose this. Null approver: nobody (auto, expired on arrival).
ALTER TABLE approvals ADD COLUMN approver TEXT;
ALTER TABLE approvals ADD COLUMN quorum INT CHECK (quorum IS NULL OR quorum >= 1);
ALTER TABLE approvals ADD COLUMN forbid_self_approval BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE approvals ADD COLUMN rule TEXT;
UPDATE approvals SET approver = CASE WHEN (required ->> 'end_user')::boolean THEN 'end_user'
                                     WHEN required ->> 'role' IS NOT NULL THEN 'role:' || (required ->> 'role') END,
                     quorum = (required ->> 'quorum')::int,
                     forbid_self_approval = COALESCE((required ->> 'forbid_self_approval')::boolean, false)
 WHERE required IS NOT NULL;
ALTER TABLE approvals DROP COLUMN required;

-- For "what may I decide": the proposal's end user and its authenticated submitter (forbid_self_approval).
ALTER TABLE approvals ADD COLUMN end_user_id TEXT;
ALTER TABLE approvals ADD COLUMN submitted_by TEXT;
UPDATE approvals SET end_user_id = snapshot -> 'user' ->> 'id', submitted_by = snapshot ->> 'submitted_by';

CREATE INDEX approvals_pending_by_expiry ON approvals (expires_at) WHERE status = 'pending';
CREATE INDEX approvals_pending_by_approver ON approvals (tenant, approver, proposal_id) WHERE status = 'pending';

-- Every decision: who, approve or deny, on which digest, with which role, through which channel, when, why. The
-- key makes the same person deciding the same digest twice count once; an edit makes a new digest.
CREATE TABLE decisions (
    tenant      TEXT        NOT NULL,
    proposal_id TEXT        NOT NULL,
    actor       TEXT        NOT NULL,
    digest      TEXT        NOT NULL,
    decision    TEXT        NOT NULL CHECK (decision IN ('approve', 'deny')),
    role        TEXT,
    channel     TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    comment     TEXT,
    PRIMARY KEY (tenant, proposal_id, actor, digest),
    FOREIGN KEY (tenant, proposal_id) REFERENCES approvals (tenant, proposal_id)
);

-- "Approvals I decided" for lists.
CREATE INDEX decisions_by_actor ON decisions (tenant, actor, proposal_id);
