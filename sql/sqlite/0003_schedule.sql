-- Schedule additions (SQLite). Meaning identical to sql/postgres/0003_schedule.sql.
-- Weekly demand details on sessions, recurring permanences per site, room closures,
-- iCalendar tracking, and plan versions that remember what they were based on.

-- What the solver needs to know about a session to place it.
ALTER TABLE sessions ADD COLUMN skill TEXT;
ALTER TABLE sessions ADD COLUMN priority INTEGER NOT NULL DEFAULT 1 CHECK (priority BETWEEN 1 AND 10);
ALTER TABLE sessions ADD COLUMN fixed_weekday INTEGER CHECK (fixed_weekday IS NULL OR fixed_weekday BETWEEN 0 AND 6);
ALTER TABLE sessions ADD COLUMN fixed_start_minute INTEGER CHECK (fixed_start_minute IS NULL OR fixed_start_minute BETWEEN 0 AND 1439);
ALTER TABLE sessions ADD COLUMN site_required BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN permanence_id INTEGER;
-- iCalendar SEQUENCE: raised each time a published session changes (time, room, conseiller, status).
ALTER TABLE sessions ADD COLUMN ics_sequence INTEGER NOT NULL DEFAULT 0 CHECK (ics_sequence >= 0);
CREATE INDEX sessions_series ON sessions (series_id, series_index);

-- Drop-in desk duties (permanences) a site needs covered every week.
CREATE TABLE site_permanences (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0 AND duration_minutes <= 720),
    skill TEXT,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX site_permanences_site ON site_permanences (site_id);

-- A room closed on a given day (works, flooding, election…).
CREATE TABLE room_closures (
    room_id INTEGER NOT NULL REFERENCES rooms (id),
    day DATE NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (room_id, day)
);

-- Every calendar feed a published session has appeared in (a conseiller's or a site's), so
-- that a feed the session left keeps it, marked cancelled, with the same UID.
CREATE TABLE calendar_feeds (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    feed TEXT NOT NULL CHECK (feed IN ('conseiller', 'site')),
    owner_id INTEGER NOT NULL,
    PRIMARY KEY (session_id, feed, owner_id)
);
CREATE INDEX calendar_feeds_owner ON calendar_feeds (feed, owner_id);

-- A plan version records the published version it repairs (re-planning) and why.
ALTER TABLE plans ADD COLUMN based_on_version INTEGER;
ALTER TABLE plans ADD COLUMN note TEXT NOT NULL DEFAULT '';
-- At most one draft per week.
CREATE UNIQUE INDEX plans_one_draft_per_week ON plans (week) WHERE status = 'draft';
