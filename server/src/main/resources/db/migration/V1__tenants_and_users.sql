-- Organisations, their domains and their authentication-methods policy (SPEC S1, S11).
CREATE TABLE tenant (
    id          UUID PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE tenant_domain (
    domain      VARCHAR(253) PRIMARY KEY,
    tenant_id   UUID NOT NULL REFERENCES tenant (id)
);
CREATE INDEX tenant_domain_tenant ON tenant_domain (tenant_id);

-- One row per tenant. Defaults are the ones a new tenant gets (SPEC S1).
CREATE TABLE tenant_policy (
    tenant_id                  UUID PRIMARY KEY REFERENCES tenant (id),
    mfa_required               BOOLEAN      NOT NULL DEFAULT TRUE,
    registration_required      BOOLEAN      NOT NULL DEFAULT TRUE,
    required_methods           VARCHAR(200) NOT NULL DEFAULT 'authenticator,mobile_phone',
    snooze_days                INT          NOT NULL DEFAULT 0,
    snooze_limit               INT          NOT NULL DEFAULT 0,
    review_days                INT          NOT NULL DEFAULT 0,
    reset_enabled              BOOLEAN      NOT NULL DEFAULT TRUE,
    reset_methods_required     INT          NOT NULL DEFAULT 1,
    questions_to_register      INT          NOT NULL DEFAULT 3,
    questions_to_reset         INT          NOT NULL DEFAULT 3,
    remember_mfa_days          INT          NOT NULL DEFAULT 0,
    tap_default_minutes        INT          NOT NULL DEFAULT 60,
    tap_min_minutes            INT          NOT NULL DEFAULT 10,
    tap_max_minutes            INT          NOT NULL DEFAULT 480,
    tap_one_time               BOOLEAN      NOT NULL DEFAULT FALSE,
    sms_daily_cap              INT          NOT NULL DEFAULT 1000,
    voice_daily_cap            INT          NOT NULL DEFAULT 1000,
    session_idle_minutes       INT          NOT NULL DEFAULT 60,
    session_absolute_minutes   INT          NOT NULL DEFAULT 720
);

-- Per method kind: whether it is enabled, and for which uses (SPEC S11).
CREATE TABLE tenant_method_policy (
    tenant_id     UUID        NOT NULL REFERENCES tenant (id),
    method        VARCHAR(40) NOT NULL,
    enabled       BOOLEAN     NOT NULL,
    for_sign_in   BOOLEAN     NOT NULL,
    for_reset     BOOLEAN     NOT NULL,
    PRIMARY KEY (tenant_id, method)
);

CREATE TABLE app_user (
    id                   UUID PRIMARY KEY,
    tenant_id            UUID         NOT NULL REFERENCES tenant (id),
    email                VARCHAR(254) NOT NULL,
    display_name         VARCHAR(200) NOT NULL,
    business_phone       VARCHAR(32),
    role                 VARCHAR(16)  NOT NULL,
    state                VARCHAR(16)  NOT NULL,
    password_hash        VARCHAR(255) NOT NULL,
    password_changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT app_user_email UNIQUE (email)
);
CREATE INDEX app_user_tenant ON app_user (tenant_id);

-- Password lockout, kept per sign-in name whether or not an account has that name,
-- so that an unknown name behaves exactly like a known one.
CREATE TABLE signin_lockout (
    sign_in_name     VARCHAR(254) PRIMARY KEY,
    failures         INT          NOT NULL,
    lockouts         INT          NOT NULL,
    locked_until     TIMESTAMP WITH TIME ZONE,
    recent_failures  VARCHAR(200) NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
