-- Reset CAPTCHA puzzles already answered (SPEC S9). A puzzle is shown without storing anything; its nonce is
-- written here when it is answered, so that each can be answered once. Rows are useless once expired.
CREATE TABLE captcha_nonce (
    nonce       VARCHAR(32) PRIMARY KEY,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX captcha_nonce_expiry ON captcha_nonce (expires_at);
