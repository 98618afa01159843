-- Temporary Access Passes (SPEC S11): a time-limited pass an administrator issues, with which a person signs in
-- without their password or second factor, e.g. to set up their security info. One active pass per person; only
-- a keyed hash of it is kept.
CREATE TABLE temporary_access_pass (
    user_id     UUID PRIMARY KEY REFERENCES app_user (id),
    tenant_id   UUID         NOT NULL REFERENCES tenant (id),
    pass_hash   VARCHAR(64)  NOT NULL,
    issued_by   UUID         NOT NULL REFERENCES app_user (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    one_time    BOOLEAN      NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
