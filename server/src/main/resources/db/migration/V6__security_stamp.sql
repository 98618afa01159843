-- Changes whenever a person's security info changes or they sign out everywhere: every "don't ask again"
-- browser signed with an older stamp stops counting (SPEC S5).
ALTER TABLE app_user ADD COLUMN security_stamp VARCHAR(36) DEFAULT 'initial' NOT NULL;
