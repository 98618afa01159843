-- The language a person last used Verrou in, for the emails they get when they are not the one at the keyboard
-- (an administrator's alert, a change made for them).
ALTER TABLE app_user ADD COLUMN language VARCHAR(8);
