-- Security review of approvals: revisions of edited approvals, and who vouched for a decision.

-- Each edit of the parameters starts a new revision. Only decisions of the current revision (and digest) count, so
-- editing back to earlier parameters (the same digest again) never revives the approvals given before.
ALTER TABLE approvals ADD COLUMN revision INT NOT NULL DEFAULT 0 CHECK (revision >= 0);
ALTER TABLE decisions ADD COLUMN revision INT NOT NULL DEFAULT 0;

-- The countersign-admin who vouched for the decider by issuing a one-time link for someone else; null when the
-- decider acted on their own credentials. The quorum counts distinct coalesce(issued_by, actor): links one admin
-- issued for several people count once, and forbid_self_approval bars the issuer as well.
ALTER TABLE decisions ADD COLUMN issued_by TEXT;

-- The key: one approval of one digest of one revision per person (the same person twice counts once); an edit back
-- to an earlier digest is a new revision (no clash with the earlier rows); an approver's later denial of the same
-- revision is a row of its own next to the approval.
ALTER TABLE decisions DROP CONSTRAINT decisions_pkey;
ALTER TABLE decisions ADD PRIMARY KEY (tenant, proposal_id, revision, digest, actor, decision);
