-- Every version of every definition; a version is immutable once written.
CREATE TABLE action_versions (
    tenant      TEXT        NOT NULL,
    assistant   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    version     INT         NOT NULL,
    definition  TEXT        NOT NULL,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, assistant, name, version)
);

-- The head of each action: its latest version and whether it is retired.
CREATE TABLE actions (
    tenant         TEXT        NOT NULL,
    assistant      TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    latest_version INT         NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('active', 'retired')),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, assistant, name)
);

-- Webhook signing secrets (Standard Webhooks v1). Never published, never logged.
CREATE TABLE signing_keys (
    tenant      TEXT        NOT NULL,
    assistant   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    key_id      TEXT        NOT NULL,
    secret      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ,
    PRIMARY KEY (tenant, assistant, name, key_id)
);
