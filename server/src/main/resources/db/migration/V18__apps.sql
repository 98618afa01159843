-- Apps that sign people in through an organisation's OpenID Connect issuer (SPEC S12). A confidential app's
-- secret is kept only as a keyed hash: it is shown once, when made.
CREATE TABLE oidc_app (
    id                      UUID PRIMARY KEY,
    tenant_id               UUID          NOT NULL REFERENCES tenant (id),
    client_id               VARCHAR(64)   NOT NULL UNIQUE,
    name                    VARCHAR(200)  NOT NULL,
    public_client           BOOLEAN       NOT NULL,
    secret_hash             VARCHAR(64),
    redirect_uris           VARCHAR(4000) NOT NULL,
    post_logout_uris        VARCHAR(4000) NOT NULL,
    scopes                  VARCHAR(400)  NOT NULL,
    requires_mfa            BOOLEAN       NOT NULL,
    backchannel_logout_uri  VARCHAR(1000),
    access_token_seconds    INT           NOT NULL,
    refresh_token_seconds   INT           NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    secret_rotated_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX oidc_app_tenant ON oidc_app (tenant_id);

-- What an app was granted for a person: the codes and tokens of one sign-in to one app, sealed with the master
-- key as one value; each token is found by its keyed hash. sid names the Verrou sign-in it came from, so that
-- signing out ends it.
CREATE TABLE oidc_authorization (
    id                  VARCHAR(100) PRIMARY KEY,
    tenant_id           UUID          NOT NULL REFERENCES tenant (id),
    app_id              UUID          NOT NULL REFERENCES oidc_app (id) ON DELETE CASCADE,
    principal_name      VARCHAR(200)  NOT NULL,
    user_id             UUID,
    sid                 VARCHAR(64),
    state_hash          VARCHAR(64),
    code_hash           VARCHAR(64),
    access_token_hash   VARCHAR(64),
    refresh_token_hash  VARCHAR(64),
    id_token_hash       VARCHAR(64),
    sealed              VARCHAR(200000) NOT NULL,
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX oidc_authorization_state ON oidc_authorization (state_hash);
CREATE INDEX oidc_authorization_code ON oidc_authorization (code_hash);
CREATE INDEX oidc_authorization_access ON oidc_authorization (access_token_hash);
CREATE INDEX oidc_authorization_refresh ON oidc_authorization (refresh_token_hash);
CREATE INDEX oidc_authorization_user ON oidc_authorization (user_id);
CREATE INDEX oidc_authorization_sid ON oidc_authorization (sid);

-- Refresh tokens already exchanged: one presented again means it was copied, and its whole family is revoked.
CREATE TABLE oidc_used_refresh_token (
    token_hash        VARCHAR(64)  PRIMARY KEY,
    authorization_id  VARCHAR(100) NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Keys that sign ID and access tokens: made at first start, the private half sealed with the master key. A
-- retired key stays published until the tokens it signed have expired.
CREATE TABLE oidc_signing_key (
    kid          VARCHAR(64)  PRIMARY KEY,
    algorithm    VARCHAR(10)  NOT NULL,
    sealed_jwk   VARCHAR(20000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at   TIMESTAMP WITH TIME ZONE
);
