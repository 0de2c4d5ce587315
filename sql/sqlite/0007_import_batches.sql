-- One row per file imported (relais-intake import requests): which file (its SHA-256, and its
-- name without the folder), how many rows, when and by whom. The same file imported twice is
-- refused unless asked for. Meaning identical to sql/postgres/0007_import_batches.sql.
CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind = 'requests'),
    file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
    file_name TEXT NOT NULL,
    rows INTEGER NOT NULL CHECK (rows >= 0),
    imported_at TIMESTAMP NOT NULL,
    imported_by TEXT NOT NULL
);
CREATE INDEX import_batches_file ON import_batches (kind, file_sha256);
