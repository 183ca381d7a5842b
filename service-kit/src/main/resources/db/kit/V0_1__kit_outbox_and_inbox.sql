-- Transactional outbox: an event is written in the same transaction as the state change that causes it,
-- and the OutboxRelay publishes it afterwards (at least once; consumers dedupe by event id).
CREATE TABLE outbox (
    seq        BIGSERIAL PRIMARY KEY,
    event_id   TEXT        NOT NULL UNIQUE,
    type       TEXT        NOT NULL,
    subject    TEXT,
    kafka_key  TEXT,
    data       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Inbox: ids of events a consumer has already applied, recorded in the effect's transaction so that a
-- redelivered event is a no-op.
CREATE TABLE processed_events (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
