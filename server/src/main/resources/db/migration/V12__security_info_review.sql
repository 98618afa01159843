-- The periodic "is your security info still accurate?" review (SPEC S3.5): when the person last confirmed it.
ALTER TABLE app_user ADD COLUMN security_info_reviewed_at TIMESTAMP WITH TIME ZONE;
