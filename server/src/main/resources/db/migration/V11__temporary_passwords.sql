-- Temporary passwords (SPEC S11): an administrator creates an account or resets a password, Verrou makes a random
-- password the person must replace at their next sign-in, before it expires.
ALTER TABLE app_user ADD COLUMN password_must_change BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE app_user ADD COLUMN temporary_password_expires_at TIMESTAMP WITH TIME ZONE;
