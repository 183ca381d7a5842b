-- The hash chain's head: the last recorded seq and its hash. Exactly one row; every append locks it
-- (SELECT ... FOR UPDATE), so seq is assigned gap-free (a sequence can skip values on rollback) and each
-- row's prev_hash is its predecessor's hash.
CREATE TABLE chain_head (
    id   BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    seq  BIGINT  NOT NULL CHECK (seq >= 0),
    hash TEXT    NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
INSERT INTO chain_head (id, seq, hash) VALUES (TRUE, 0, repeat('0', 64));

-- One row per event from every topic, never updated or deleted.
-- hash = hex(SHA-256(prev_hash || RFC 8785 canonical JSON of
--        {seq, event_id, type, source, subject, tenant, actor, time, recorded_at, data})).
-- time and recorded_at are stored at microsecond precision (what TIMESTAMPTZ holds) and hashed as
-- ISO-8601 UTC text of that value; data is stored as its canonical JSON text, so a row can always be
-- re-hashed exactly. proposal_id and conversation_id are index columns derived from data (checked by
-- GET /v1/audit/verify); topic is where the event was read.
CREATE TABLE audit_log (
    seq             BIGINT      PRIMARY KEY CHECK (seq > 0),
    event_id        TEXT        NOT NULL,
    type            TEXT        NOT NULL,
    source          TEXT        NOT NULL,
    subject         TEXT,
    tenant          TEXT,
    actor           TEXT        NOT NULL,
    time            TIMESTAMPTZ,
    recorded_at     TIMESTAMPTZ NOT NULL,
    topic           TEXT        NOT NULL,
    data            TEXT        NOT NULL,
    proposal_id     TEXT,
    conversation_id TEXT,
    prev_hash       TEXT        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash            TEXT        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    -- a redelivered event (same source and id) is recorded once
    CONSTRAINT audit_log_event_once UNIQUE (source, event_id)
);
CREATE INDEX audit_log_tenant_seq ON audit_log (tenant, seq);
CREATE INDEX audit_log_subject ON audit_log (subject);
CREATE INDEX audit_log_proposal ON audit_log (proposal_id);
CREATE INDEX audit_log_conversation ON audit_log (conversation_id);

-- Append-only, enforced here and not only in code: UPDATE, DELETE and TRUNCATE raise.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation', HINT = 'audit entries are never updated or deleted';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- A new row must extend the chain: the next seq after the head, chained to the head's hash. Together with
-- the head's own trigger below this keeps seq gap-free and the chain linked even against buggy writers.
CREATE FUNCTION audit_log_extends_head() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head chain_head%ROWTYPE;
BEGIN
    SELECT * INTO head FROM chain_head;
    IF NEW.seq <> head.seq + 1 OR NEW.prev_hash <> head.hash THEN
        RAISE EXCEPTION 'audit_log row % does not extend the chain head (seq %)', NEW.seq, head.seq
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_log_insert_extends_head
    BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_extends_head();

-- The head only moves forward by one, onto a row that exists with that hash; it is never deleted.
CREATE FUNCTION chain_head_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'chain_head: % refused', TG_OP USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.seq <> OLD.seq + 1
            OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash) THEN
        RAISE EXCEPTION 'chain_head may only advance to the next recorded row (from % to %)', OLD.seq, NEW.seq
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER chain_head_update
    BEFORE UPDATE OR DELETE ON chain_head
    FOR EACH ROW EXECUTE FUNCTION chain_head_advance_only();

CREATE TRIGGER chain_head_no_truncate
    BEFORE TRUNCATE ON chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION chain_head_advance_only();
