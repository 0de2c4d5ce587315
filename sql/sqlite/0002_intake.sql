-- Intake additions (SQLite). Meaning identical to sql/postgres/0002_intake.sql.

-- The work queue: open requests only, in queue order (higher urgency first, then the earliest
-- deadline with "no deadline" last, then the oldest), so that `relais-intake queue` reads the
-- first rows of an index instead of sorting every open request. Queries must repeat the same
-- status list and the same COALESCE expression for the planner to pick these indexes.
CREATE INDEX help_requests_open_queue ON help_requests
    (urgency DESC, (COALESCE(deadline, '9999-12-31')), id)
    WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');
CREATE INDEX help_requests_open_site_queue ON help_requests
    (site_id, urgency DESC, (COALESCE(deadline, '9999-12-31')), id)
    WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');
CREATE INDEX help_requests_open_assignee_queue ON help_requests
    (assignee_id, urgency DESC, (COALESCE(deadline, '9999-12-31')), id)
    WHERE status IN ('new', 'assigned', 'in_progress', 'waiting');

-- Moving a resident's records on merge, and showing a resident's workshops.
CREATE INDEX accompaniment_participants_resident ON accompaniment_participants (resident_id);
