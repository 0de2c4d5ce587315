-- Relais initial schema (SQLite). Meaning identical to sql/postgres/0001_initial.sql.
-- Code checks are written `c = 'a' OR c = 'b'` rather than `c IN ('a', 'b')`: SQLite builds a
-- temporary index for an IN list on every inserted row, which made bulk inserts four times slower.
-- Codes are the stable taxonomy codes of RelaisCore (DOMAIN.md); dates are yyyy-mm-dd text,
-- timestamps ISO 8601 UTC text, booleans 0/1.

CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK ((kind = 'mdh' OR kind = 'library' OR kind = 'associations' OR kind = 'town_hall' OR kind = 'other')),
    neighbourhood TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    commune TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT 1
);

CREATE TABLE site_hours (
    site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
    end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
    CHECK (end_minute > start_minute),
    PRIMARY KEY (site_id, weekday, start_minute)
);

CREATE TABLE rooms (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    name TEXT NOT NULL,
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    equipment TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT 1
);
CREATE INDEX rooms_site ON rooms (site_id);

CREATE TABLE room_hours (
    room_id INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),
    end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),
    CHECK (end_minute > start_minute),
    PRIMARY KEY (room_id, weekday, start_minute)
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK ((role = 'conseiller' OR role = 'desk_agent' OR role = 'coordinator')),
    email TEXT,
    contracted_minutes_per_week INTEGER NOT NULL DEFAULT 0 CHECK (contracted_minutes_per_week >= 0),
    max_minutes_per_day INTEGER NOT NULL DEFAULT 420 CHECK (max_minutes_per_day >= 0),
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE staff_skills (
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    theme TEXT NOT NULL,
    PRIMARY KEY (staff_id, theme)
);

CREATE TABLE staff_sites (
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    PRIMARY KEY (staff_id, site_id)
);

-- Usual weekly availability and undesired half-days: half is 'am' or 'pm'.
CREATE TABLE staff_half_days (
    staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    half TEXT NOT NULL CHECK ((half = 'am' OR half = 'pm')),
    preference TEXT NOT NULL CHECK ((preference = 'available' OR preference = 'undesired')),
    PRIMARY KEY (staff_id, weekday, half, preference)
);

CREATE TABLE staff_absences (
    id INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX staff_absences_staff ON staff_absences (staff_id, start_date);

CREATE TABLE public_holidays (
    day DATE PRIMARY KEY,
    name TEXT NOT NULL
);

-- Versioned texts shown to residents (consent notice, loan agreement), kept as they were.
CREATE TABLE document_versions (
    kind TEXT NOT NULL CHECK ((kind = 'consent' OR kind = 'loan_agreement')),
    version TEXT NOT NULL,
    body TEXT NOT NULL,
    published_on DATE NOT NULL,
    PRIMARY KEY (kind, version)
);

CREATE TABLE residents (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK ((kind = 'followed' OR kind = 'anonymous')),
    first_name TEXT,
    last_name TEXT,
    phone TEXT,
    email TEXT,
    birth_year INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
    commune TEXT,
    postcode TEXT,
    gender TEXT NOT NULL DEFAULT 'non_communique' CHECK ((gender = 'masculin' OR gender = 'feminin' OR gender = 'non_communique')),
    social_status TEXT NOT NULL DEFAULT 'non_communique'
        CHECK ((social_status = 'scolarise' OR social_status = 'sans_emploi' OR social_status = 'en_emploi' OR social_status = 'retraite' OR social_status = 'non_communique')),
    consent_at TIMESTAMP,
    consent_version TEXT,
    -- Normalised forms for duplicate detection and search: lower case, no accents, words sorted.
    name_key TEXT,
    phone_key TEXT,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    last_activity_at TIMESTAMP NOT NULL,
    anonymised_at TIMESTAMP,
    merged_into INTEGER REFERENCES residents (id),
    CHECK (kind = 'anonymous' OR (first_name IS NOT NULL AND first_name <> '')),
    CHECK (kind = 'followed' OR (first_name IS NULL AND last_name IS NULL AND phone IS NULL AND email IS NULL))
);
CREATE INDEX residents_name_key ON residents (name_key);
CREATE INDEX residents_phone_key ON residents (phone_key);
CREATE INDEX residents_email ON residents (email);
CREATE INDEX residents_last_activity ON residents (last_activity_at);

-- Per-scope, per-year counters for short numbers (D-2026-000123, PC-0042): one row locked per
-- allocation, so numbering never scans the numbered table and stays unique under concurrency.
CREATE TABLE number_sequences (
    scope TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_value INTEGER NOT NULL,
    PRIMARY KEY (scope, year)
);

CREATE TABLE help_requests (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    site_id INTEGER NOT NULL REFERENCES sites (id),
    channel TEXT NOT NULL CHECK ((channel = 'walk_in' OR channel = 'phone' OR channel = 'email' OR channel = 'referral')),
    field TEXT NOT NULL CHECK ((field = 'equipment_access' OR field = 'connectivity' OR field = 'technical_training' OR field = 'digital_literacy' OR field = 'usage_assistance' OR field = 'hardware_support')),
    summary TEXT NOT NULL CHECK (summary <> ''),
    urgency INTEGER NOT NULL DEFAULT 1 CHECK (urgency BETWEEN 0 AND 3),
    deadline DATE,
    resident_id INTEGER REFERENCES residents (id),
    status TEXT NOT NULL DEFAULT 'new' CHECK ((status = 'new' OR status = 'assigned' OR status = 'in_progress' OR status = 'waiting' OR status = 'resolved' OR status = 'referred' OR status = 'closed')),
    assignee_id INTEGER REFERENCES staff (id),
    outcome TEXT CHECK (outcome IS NULL OR (outcome = 'resolved' OR outcome = 'oriented_workshop' OR outcome = 'equipment_lent' OR outcome = 'referred')),
    referral_structure TEXT,
    referral_name TEXT,
    opened_at TIMESTAMP NOT NULL,
    opened_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP,
    closed_at TIMESTAMP
);
CREATE INDEX help_requests_queue ON help_requests (status, urgency DESC, deadline);
CREATE INDEX help_requests_site_queue ON help_requests (site_id, status, urgency DESC, deadline);
CREATE INDEX help_requests_assignee ON help_requests (assignee_id, status);
CREATE INDEX help_requests_resident ON help_requests (resident_id);
CREATE INDEX help_requests_opened ON help_requests (opened_at);
CREATE INDEX help_requests_deadline ON help_requests (deadline) WHERE deadline IS NOT NULL;

CREATE TABLE request_themes (
    request_id INTEGER NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
    theme TEXT NOT NULL,
    PRIMARY KEY (request_id, theme)
);
CREATE INDEX request_themes_theme ON request_themes (theme);

CREATE TABLE request_subthemes (
    request_id INTEGER NOT NULL REFERENCES help_requests (id) ON DELETE CASCADE,
    subtheme TEXT NOT NULL,
    PRIMARY KEY (request_id, subtheme)
);

-- The audit trail: who did what, when, to which record, with old and new values.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    field TEXT,
    old_value TEXT,
    new_value TEXT,
    note TEXT
);
CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, id);
CREATE INDEX audit_events_at ON audit_events (at);

CREATE TABLE workshops (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    theme TEXT NOT NULL,
    level TEXT NOT NULL CHECK ((level = 'debutant' OR level = 'intermediaire' OR level = 'avance')),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    equipment TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT 1
);

-- An association website series: six workshops, same conseiller and slot where possible.
CREATE TABLE workshop_series (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    association TEXT NOT NULL,
    workshop_id INTEGER NOT NULL REFERENCES workshops (id),
    conseiller_id INTEGER REFERENCES staff (id),
    sessions_planned INTEGER NOT NULL DEFAULT 6 CHECK (sessions_planned > 0),
    started_on DATE NOT NULL
);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK ((kind = 'workshop' OR kind = 'appointment' OR kind = 'permanence')),
    workshop_id INTEGER REFERENCES workshops (id),
    series_id INTEGER REFERENCES workshop_series (id),
    series_index INTEGER,
    week TEXT NOT NULL,
    site_id INTEGER REFERENCES sites (id),
    room_id INTEGER REFERENCES rooms (id),
    conseiller_id INTEGER REFERENCES staff (id),
    starts_at TIMESTAMP,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
    status TEXT NOT NULL DEFAULT 'planned' CHECK ((status = 'planned' OR status = 'held' OR status = 'closed' OR status = 'cancelled')),
    locked BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX sessions_week ON sessions (week);
CREATE INDEX sessions_starts ON sessions (starts_at);
CREATE INDEX sessions_conseiller ON sessions (conseiller_id, starts_at);

CREATE TABLE registrations (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    resident_id INTEGER NOT NULL REFERENCES residents (id),
    status TEXT NOT NULL CHECK ((status = 'registered' OR status = 'waitlisted' OR status = 'cancelled')),
    waitlist_position INTEGER,
    attendance TEXT CHECK (attendance IS NULL OR (attendance = 'present' OR attendance = 'excused' OR attendance = 'no_show')),
    registered_at TIMESTAMP NOT NULL,
    registered_by TEXT NOT NULL,
    UNIQUE (session_id, resident_id)
);
CREATE INDEX registrations_resident ON registrations (resident_id);

-- Anonymous walk-ins of a session, as counts.
CREATE TABLE session_walkins (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    gender TEXT NOT NULL,
    age_bracket TEXT NOT NULL,
    social_status TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (session_id, gender, age_bracket, social_status)
);

-- Activities in the ANCT sense (compte rendu d'activité): individual or collective.
CREATE TABLE accompaniments (
    id INTEGER PRIMARY KEY,
    activity_type TEXT NOT NULL CHECK ((activity_type = 'individuel' OR activity_type = 'collectif')),
    day DATE NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0 AND duration_minutes <= 1440),
    place_type TEXT NOT NULL CHECK ((place_type = 'lieu_activite' OR place_type = 'domicile' OR place_type = 'a_distance' OR place_type = 'autre')),
    site_id INTEGER REFERENCES sites (id),
    commune TEXT,
    procedure_name TEXT,
    autonomy TEXT CHECK (autonomy IS NULL OR (autonomy = 'entierement_accompagne' OR autonomy = 'partiellement_autonome' OR autonomy = 'autonome')),
    referral_structure TEXT,
    referral_name TEXT,
    title TEXT,
    level TEXT CHECK (level IS NULL OR (level = 'debutant' OR level = 'intermediaire' OR level = 'avance')),
    request_id INTEGER REFERENCES help_requests (id),
    resident_id INTEGER REFERENCES residents (id),
    session_id INTEGER REFERENCES sessions (id),
    conseiller_id INTEGER REFERENCES staff (id),
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (place_type <> 'lieu_activite' OR site_id IS NOT NULL),
    CHECK ((place_type <> 'domicile' AND place_type <> 'autre') OR commune IS NOT NULL)
);
CREATE INDEX accompaniments_day ON accompaniments (day);
CREATE INDEX accompaniments_request ON accompaniments (request_id);
CREATE INDEX accompaniments_resident ON accompaniments (resident_id);
CREATE INDEX accompaniments_session ON accompaniments (session_id);

CREATE TABLE accompaniment_themes (
    accompaniment_id INTEGER NOT NULL REFERENCES accompaniments (id) ON DELETE CASCADE,
    theme TEXT NOT NULL,
    PRIMARY KEY (accompaniment_id, theme)
);

CREATE TABLE accompaniment_subthemes (
    accompaniment_id INTEGER NOT NULL REFERENCES accompaniments (id) ON DELETE CASCADE,
    subtheme TEXT NOT NULL,
    PRIMARY KEY (accompaniment_id, subtheme)
);

CREATE TABLE accompaniment_equipment (
    accompaniment_id INTEGER NOT NULL REFERENCES accompaniments (id) ON DELETE CASCADE,
    equipment TEXT NOT NULL CHECK ((equipment = 'ordinateur' OR equipment = 'telephone' OR equipment = 'tablette' OR equipment = 'autre' OR equipment = 'aucun')),
    PRIMARY KEY (accompaniment_id, equipment)
);

-- Named participants of a collective activity.
CREATE TABLE accompaniment_participants (
    accompaniment_id INTEGER NOT NULL REFERENCES accompaniments (id) ON DELETE CASCADE,
    resident_id INTEGER NOT NULL REFERENCES residents (id),
    PRIMARY KEY (accompaniment_id, resident_id)
);

-- Anonymous participants of a collective activity, as counts.
CREATE TABLE accompaniment_anonymous (
    accompaniment_id INTEGER NOT NULL REFERENCES accompaniments (id) ON DELETE CASCADE,
    gender TEXT NOT NULL,
    age_bracket TEXT NOT NULL,
    social_status TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (accompaniment_id, gender, age_bracket, social_status)
);

CREATE TABLE devices (
    id INTEGER PRIMARY KEY,
    asset_tag TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK ((kind = 'laptop' OR kind = 'desktop' OR kind = 'tablet' OR kind = 'smartphone' OR kind = 'router_4g')),
    serial TEXT,
    model TEXT NOT NULL DEFAULT '',
    operating_system TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL CHECK ((origin = 'town_it' OR origin = 'donor' OR origin = 'refurbisher')),
    condition TEXT NOT NULL CHECK ((condition = 'new' OR condition = 'good' OR condition = 'fair' OR condition = 'poor' OR condition = 'broken')),
    status TEXT NOT NULL DEFAULT 'available'
        CHECK ((status = 'available' OR status = 'on_loan' OR status = 'in_repair' OR status = 'retired' OR status = 'handed_over')),
    acquired_on DATE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX devices_status ON devices (status, kind);

CREATE TABLE stock_items (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK ((kind = 'sim_card' OR kind = 'data_topup')),
    label TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity >= 0)
);

CREATE TABLE loans (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    device_id INTEGER REFERENCES devices (id),
    stock_item_id INTEGER REFERENCES stock_items (id),
    quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
    resident_id INTEGER NOT NULL REFERENCES residents (id),
    lent_on DATE NOT NULL,
    due_on DATE,
    returned_on DATE,
    condition_out TEXT CHECK (condition_out IS NULL OR (condition_out = 'new' OR condition_out = 'good' OR condition_out = 'fair' OR condition_out = 'poor' OR condition_out = 'broken')),
    condition_back TEXT CHECK (condition_back IS NULL OR (condition_back = 'new' OR condition_back = 'good' OR condition_back = 'fair' OR condition_back = 'poor' OR condition_back = 'broken')),
    agreement_version TEXT,
    status TEXT NOT NULL CHECK ((status = 'open' OR status = 'returned' OR status = 'handed_over' OR status = 'lost')),
    renewals INTEGER NOT NULL DEFAULT 0 CHECK (renewals >= 0),
    price_cents INTEGER CHECK (price_cents IS NULL OR price_cents >= 0),
    referred_by TEXT,
    lent_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK ((device_id IS NULL) <> (stock_item_id IS NULL)),
    CHECK (due_on IS NULL OR due_on >= lent_on)
);
CREATE INDEX loans_resident ON loans (resident_id);
CREATE INDEX loans_device ON loans (device_id);
CREATE INDEX loans_open_due ON loans (status, due_on);
-- A device is on at most one open loan.
CREATE UNIQUE INDEX loans_one_open_per_device ON loans (device_id) WHERE status = 'open' AND device_id IS NOT NULL;

CREATE TABLE loan_reminders (
    loan_id INTEGER NOT NULL REFERENCES loans (id) ON DELETE CASCADE,
    sent_at TIMESTAMP NOT NULL,
    channel TEXT NOT NULL,
    PRIMARY KEY (loan_id, sent_at)
);

-- Weekly plans: numbered versions per week; the draft becomes published, earlier versions kept.
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    week TEXT NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK ((status = 'draft' OR status = 'published' OR status = 'superseded')),
    hard_violations INTEGER NOT NULL DEFAULT 0,
    soft_score INTEGER NOT NULL DEFAULT 0,
    score_terms TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    published_at TIMESTAMP,
    UNIQUE (week, version)
);

CREATE TABLE plan_assignments (
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES sessions (id),
    conseiller_id INTEGER REFERENCES staff (id),
    room_id INTEGER REFERENCES rooms (id),
    day INTEGER,
    start_grain INTEGER,
    unassigned_reason TEXT,
    PRIMARY KEY (plan_id, session_id)
);
