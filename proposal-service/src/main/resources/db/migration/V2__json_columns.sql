-- JSON stored as JSON: the replicated definition and the published outcome become jsonb, so the entities map them
-- as typed fields (ActionDefinition, ProposalAccepted, ProposalRejected) instead of hand-parsed text. jsonb keeps
-- numbers exact (numeric), so nothing is rounded on the way through.
-- jsonb refuses the escape \u0000 that text accepted; a definition with U+0000 (only ever in free text such as a
-- description) keeps U+FFFD in its place instead of failing the migration.
ALTER TABLE action_versions ALTER COLUMN definition TYPE JSONB USING replace(definition, '\u0000', '\ufffd')::jsonb;

-- One typed column per outcome instead of one text column whose shape depended on status.
ALTER TABLE proposals ADD COLUMN accepted JSONB, ADD COLUMN rejected JSONB;
UPDATE proposals SET accepted = outcome::jsonb WHERE status = 'accepted';
UPDATE proposals SET rejected = outcome::jsonb WHERE status = 'rejected';
ALTER TABLE proposals DROP COLUMN outcome;
ALTER TABLE proposals ADD CONSTRAINT proposals_outcome_matches_status CHECK (
    (status = 'accepted' AND accepted IS NOT NULL AND rejected IS NULL)
    OR (status = 'rejected' AND rejected IS NOT NULL AND accepted IS NULL));

-- Proposals that name no usable tenant are no longer stored here (see the kit's processed_events); V1's note that
-- tenant is '' for them is out of date.
COMMENT ON COLUMN proposals.tenant IS 'the proposal''s tenant; proposals without a usable tenant are never stored';
