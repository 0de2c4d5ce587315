-- E-mail addresses are compared without case: Email.normalize lower-cases them from this version
-- on, and the addresses already recorded are lower-cased here (ASCII letters, as SQLite's lower()
-- and Email.normalize fold them). Meaning identical to
-- sql/sqlite/0006_email_case.sql.
UPDATE residents SET email = translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
WHERE email <> translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz');
