-- Security info: each registered authentication method of a person (SPEC S4).
CREATE TABLE auth_method (
    id              UUID PRIMARY KEY,
    user_id         UUID         NOT NULL REFERENCES app_user (id),
    kind            VARCHAR(32)  NOT NULL,
    label           VARCHAR(100) NOT NULL,
    detail          VARCHAR(254),
    sealed_secret   VARCHAR(512),
    last_used_step  BIGINT,
    is_default      BOOLEAN      NOT NULL DEFAULT FALSE,
    channel         VARCHAR(16),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX auth_method_user ON auth_method (user_id);

-- One-time codes sent by text and calls waiting for a key press (SPEC S4.3, S5).
CREATE TABLE challenge (
    id           UUID PRIMARY KEY,
    user_id      UUID        NOT NULL REFERENCES app_user (id),
    tenant_id    UUID        NOT NULL,
    purpose      VARCHAR(32) NOT NULL,
    channel      VARCHAR(16) NOT NULL,
    target       VARCHAR(32) NOT NULL,
    code_hash    VARCHAR(64),
    call_id      UUID,
    state        VARCHAR(16) NOT NULL,
    attempts     INT         NOT NULL DEFAULT 0,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX challenge_user ON challenge (user_id, channel, created_at);
CREATE INDEX challenge_target ON challenge (target, created_at);
CREATE INDEX challenge_tenant ON challenge (tenant_id, channel, created_at);
CREATE UNIQUE INDEX challenge_call ON challenge (call_id);

-- When a person postponed registration, and how often (SPEC S3, S11).
CREATE TABLE registration_snooze (
    user_id           UUID PRIMARY KEY REFERENCES app_user (id),
    first_skipped_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    skips             INT NOT NULL
);
