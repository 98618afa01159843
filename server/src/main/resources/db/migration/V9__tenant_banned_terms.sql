-- Words a tenant forbids in its people's passwords, e.g. product names (SPEC S9).
CREATE TABLE tenant_banned_term (
    tenant_id  UUID        NOT NULL REFERENCES tenant (id),
    term       VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant_id, term)
);
