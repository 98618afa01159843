-- Bearer tokens of the admin REST API (SPEC S11), one organisation each; only a keyed hash of each is kept.
CREATE TABLE api_token (
    id            UUID PRIMARY KEY,
    tenant_id     UUID         NOT NULL REFERENCES tenant (id),
    name          VARCHAR(200) NOT NULL,
    token_hash    VARCHAR(64)  NOT NULL UNIQUE,
    created_by    UUID         NOT NULL REFERENCES app_user (id),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_token_tenant ON api_token (tenant_id);
