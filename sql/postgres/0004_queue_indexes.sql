-- Queue indexes, second version (PostgreSQL). Meaning identical to sql/sqlite/0004_queue_indexes.sql.
--
-- 0002_intake.sql wrote the open-request condition of the queue indexes as `status IN (…)`,
-- which costs SQLite a temporary index on every inserted row; both backends now spell it as an
-- OR chain, which the queries repeat word for word (RequestStore.openStatusSQL).
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
