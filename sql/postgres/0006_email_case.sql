-- E-mail addresses are compared without case: Email.normalize lower-cases them from this version
-- on, and the addresses already recorded are lower-cased here. Meaning identical to
-- sql/sqlite/0006_email_case.sql.
UPDATE residents SET email = lower(email) WHERE email IS NOT NULL AND email <> lower(email);
