-- Security questions (SPEC S4.5): an organisation's own questions, and each person's answers, hashed.

-- At most 20 per organisation, 3 to 200 characters: the application checks both. The column has room for
-- 200 characters outside the Basic Multilingual Plane, which H2 counts as two each.
CREATE TABLE security_question_custom (
    tenant_id   UUID         NOT NULL REFERENCES tenant (id),
    id          UUID         NOT NULL,
    text        VARCHAR(400) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX security_question_custom_tenant ON security_question_custom (tenant_id, created_at);

-- One row per question a person answered. question_id is a predefined id (q01…) or a custom question's
-- UUID in text form. The answer is normalised and hashed like a password (Argon2id, salted), never kept
-- in clear.
CREATE TABLE security_answer (
    user_id      UUID         NOT NULL REFERENCES app_user (id),
    question_id  VARCHAR(40)  NOT NULL,
    answer_hash  VARCHAR(255) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, question_id)
);
