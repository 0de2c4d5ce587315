-- Queue indexes, second version (SQLite). Meaning identical to sql/postgres/0004_queue_indexes.sql.
--
-- 0002_intake.sql wrote the open-request condition of the queue indexes as `status IN (…)`:
-- SQLite then builds a temporary index for the list on every row inserted into help_requests
-- (a 100,000-row import spent 40% of its help_requests time there). The same indexes, with the
-- condition as an OR chain. A partial index is only used when the query repeats its condition
-- word for word: RequestStore.openStatusSQL spells it the same way.
DROP INDEX help_requests_open_queue;
DROP INDEX help_requests_open_site_queue;
DROP INDEX help_requests_open_assignee_queue;
CREATE INDEX help_requests_open_queue ON help_requests
    (urgency DESC, (COALESCE(deadline, '9999-12-31')), id)
    WHERE (status = 'new' OR status = 'assigned' OR status = 'in_progress' OR status = 'waiting');
CREATE INDEX help_requests_open_site_queue ON help_requests
    (site_id, urgency DESC, (COALESCE(deadline, '9999-12-31')), id)
    WHERE (status = 'new' OR status = 'assigned' OR status = 'in_progress' OR status = 'waiting');
CREATE INDEX help_requests_open_assignee_queue ON help_requests
    (assignee_id, urgency DESC, (COALESCE(deadline, '9999-12-31')), id)
    WHERE (status = 'new' OR status = 'assigned' OR status = 'in_progress' OR status = 'waiting');

-- `queue --field connectivity`: the open requests of one field, in queue order.
CREATE INDEX help_requests_open_field_queue ON help_requests
    (field, urgency DESC, (COALESCE(deadline, '9999-12-31')), id)
    WHERE (status = 'new' OR status = 'assigned' OR status = 'in_progress' OR status = 'waiting');
