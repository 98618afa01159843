-- Self-service password reset (SPEC S9): failed verifications and reset lockouts. Both are kept by the sign-in
-- name as typed (normalised), whether or not an account has it, so that a name without an account is counted
-- and locked exactly as a real one and the portal tells nothing.
CREATE TABLE reset_failure (
    id            UUID PRIMARY KEY,
    sign_in_name  VARCHAR(254) NOT NULL,
    failed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX reset_failure_name ON reset_failure (sign_in_name, failed_at);

CREATE TABLE reset_lockout (
    sign_in_name  VARCHAR(254) PRIMARY KEY,
    locked_until  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A notification to the Verrou Authenticator can now serve a password reset too.
ALTER TABLE push_request DROP CONSTRAINT push_request_kind;
ALTER TABLE push_request ADD CONSTRAINT push_request_kind CHECK (kind IN ('signin', 'registration', 'reset'));
