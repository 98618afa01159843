-- The second-factor lockout (SPEC S5), one row per person, shared by sessions, resends and nodes: wrong codes,
-- wrong numbers and denials in the app are counted in a 15-minute window; ten lock the second factor for 15
-- minutes, then twice as long each time, up to 24 hours. A correct second factor, or an administrator, clears it.
CREATE TABLE mfa_lockout (
    user_id            UUID PRIMARY KEY REFERENCES app_user (id),
    failures           INT NOT NULL,
    window_started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    lockouts           INT NOT NULL,
    locked_until       TIMESTAMP WITH TIME ZONE
);

-- Codes go to email addresses too, and those are up to 254 characters.
ALTER TABLE challenge ALTER COLUMN target SET DATA TYPE VARCHAR(254);
-- Each number or address sent to has a row, locked while its sends are counted, so that limits hold across
-- organisations, requests and nodes.
CREATE TABLE delivery_target (
    target  VARCHAR(254) PRIMARY KEY
);

-- Limits per client address (sends, reset starts), in a fixed window per address and action.
CREATE TABLE address_throttle (
    address            VARCHAR(64) NOT NULL,
    action             VARCHAR(32) NOT NULL,
    window_started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts           INT NOT NULL,
    PRIMARY KEY (address, action)
);

-- A pass's expiry is told to its holder once.
ALTER TABLE temporary_access_pass ADD COLUMN expiry_notified BOOLEAN NOT NULL DEFAULT FALSE;

-- Admin API tokens expire and carry scopes; those made before both get 90 days from their making and every scope.
ALTER TABLE api_token ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
UPDATE api_token SET expires_at = created_at + INTERVAL '90' DAY;
ALTER TABLE api_token ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE api_token ADD COLUMN scopes VARCHAR(200) NOT NULL DEFAULT 'users.read methods.read methods.delete passes.manage';
