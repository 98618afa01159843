-- Authorizations whose every token has expired, and spent refresh tokens past their family's end, are removed
-- every few minutes.
CREATE INDEX oidc_authorization_expires ON oidc_authorization (expires_at);
CREATE INDEX oidc_used_refresh_token_expires ON oidc_used_refresh_token (expires_at);
