-- Recovery codes (SPEC S4.8): a set of ten single-use codes per person, kept as keyed hashes; a new set replaces
-- the old one.
CREATE TABLE recovery_code (
    method_id   UUID        NOT NULL REFERENCES auth_method (id) ON DELETE CASCADE,
    code_hash   VARCHAR(64) NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (method_id, code_hash)
);
