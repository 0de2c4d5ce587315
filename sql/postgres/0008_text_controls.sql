-- Text stored before the domain types refused control characters (C0 but tab, DEL, C1, the
-- bidirectional overrides U+202D/U+202E; line breaks in one-line fields) is cleaned here, so that
-- reading it back through the same checks succeeds: the controls are removed and a line break in
-- a one-line field becomes a space. Only rows holding such a character are rewritten. Meaning
-- identical to sql/sqlite/0008_text_controls.sql.

UPDATE residents SET first_name = btrim(regexp_replace(regexp_replace(first_name, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g')), last_name = btrim(regexp_replace(regexp_replace(last_name, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g')), commune = btrim(regexp_replace(regexp_replace(commune, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g')), postcode = btrim(regexp_replace(regexp_replace(postcode, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g'))
WHERE first_name ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]'
   OR last_name ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]'
   OR commune ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]'
   OR postcode ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]';

UPDATE help_requests SET referral_name = btrim(regexp_replace(regexp_replace(referral_name, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g')), summary = regexp_replace(summary, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g')
WHERE referral_name ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]'
   OR summary ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]';

UPDATE accompaniments SET commune = btrim(regexp_replace(regexp_replace(commune, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g')), procedure_name = btrim(regexp_replace(regexp_replace(procedure_name, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g')), referral_name = btrim(regexp_replace(regexp_replace(referral_name, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g')), title = btrim(regexp_replace(regexp_replace(title, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g'))
WHERE commune ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]'
   OR procedure_name ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]'
   OR referral_name ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]'
   OR title ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]';

UPDATE sites SET name = btrim(regexp_replace(regexp_replace(name, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g')), address = btrim(regexp_replace(regexp_replace(address, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g'))
WHERE name ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]'
   OR address ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]';

UPDATE staff SET first_name = btrim(regexp_replace(regexp_replace(first_name, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g')), last_name = btrim(regexp_replace(regexp_replace(last_name, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g'))
WHERE first_name ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]'
   OR last_name ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]';

UPDATE workshops SET title = btrim(regexp_replace(regexp_replace(title, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g'))
WHERE title ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]';

UPDATE devices SET serial = btrim(regexp_replace(regexp_replace(serial, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g')), model = btrim(regexp_replace(regexp_replace(model, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g'))
WHERE serial ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]'
   OR model ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]';

UPDATE stock_items SET label = btrim(regexp_replace(regexp_replace(label, '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E]', '', 'g'), '[\r\n]', ' ', 'g'))
WHERE label ~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202D\u202E\r\n]';
