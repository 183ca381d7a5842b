-- Events Kafka refused for good (e.g. larger than the broker accepts). They are parked here for operators
-- instead of blocking every later event of the service behind them.
CREATE TABLE outbox_parked (
    seq        BIGINT      PRIMARY KEY,
    event_id   TEXT        NOT NULL,
    type       TEXT        NOT NULL,
    subject    TEXT,
    kafka_key  TEXT,
    data       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    parked_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    reason     TEXT        NOT NULL
);
