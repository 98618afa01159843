-- The Verrou Authenticator (SPEC S4.1, S5, S10; docs/authenticator-api.md).

-- Sign-in with a second method blocked for a person after "Deny and report" or 0#, until an admin clears it.
ALTER TABLE app_user ADD COLUMN mfa_blocked BOOLEAN DEFAULT FALSE NOT NULL;

-- One row per app being set up or set up. The row is made when the QR code is shown (activated_at, name and
-- public_key empty) and completed when the app activates. Its id becomes the id of the person's
-- authenticator method, and the TOTP seed is sealed with that id as associated data.
-- public_key: base64 of the DER SubjectPublicKeyInfo of the device's P-256 key (public, not a secret).
-- name: at most 64 characters; the column has room for 64 characters outside the Basic Multilingual Plane,
-- which H2 counts as two each.
CREATE TABLE authenticator_device (
    id                  UUID PRIMARY KEY,
    user_id             UUID         NOT NULL REFERENCES app_user (id),
    name                VARCHAR(128),
    public_key          VARCHAR(256),
    sealed_totp_secret  VARCHAR(512) NOT NULL,
    activated_at        TIMESTAMP WITH TIME ZONE,
    revoked             BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX authenticator_device_user ON authenticator_device (user_id);

-- Activation codes, only as keyed hashes: valid 10 minutes, used once, superseded by a newer one.
CREATE TABLE authenticator_activation (
    code_hash   VARCHAR(64) PRIMARY KEY,
    device_id   UUID        NOT NULL REFERENCES authenticator_device (id),
    user_id     UUID        NOT NULL REFERENCES app_user (id),
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used        BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX authenticator_activation_user ON authenticator_activation (user_id);
CREATE INDEX authenticator_activation_device ON authenticator_activation (device_id);

-- Nonces of signed requests seen in the last 10 minutes: the primary key refuses a replay, even on another node.
CREATE TABLE authenticator_nonce (
    device_id   UUID        NOT NULL,
    nonce       VARCHAR(32) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (device_id, nonce)
);
CREATE INDEX authenticator_nonce_created ON authenticator_nonce (created_at);

-- Sign-in and set-up requests pushed to an app (number matching). EXPIRED is never stored: a PENDING request
-- past expires_at is expired.
CREATE TABLE push_request (
    id           UUID PRIMARY KEY,
    user_id      UUID         NOT NULL REFERENCES app_user (id),
    device_id    UUID         NOT NULL REFERENCES authenticator_device (id),
    kind         VARCHAR(16)  NOT NULL,
    number       VARCHAR(2)   NOT NULL,
    state        VARCHAR(16)  NOT NULL,
    ip           VARCHAR(64)  NOT NULL,
    user_agent   VARCHAR(512) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT push_request_kind CHECK (kind IN ('signin', 'registration')),
    CONSTRAINT push_request_state CHECK (state IN ('PENDING', 'APPROVED', 'DENIED', 'REPORTED', 'WRONG_NUMBER'))
);
CREATE INDEX push_request_user ON push_request (user_id, created_at);
CREATE INDEX push_request_device ON push_request (device_id, state);
