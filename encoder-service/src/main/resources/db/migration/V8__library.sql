-- Media folders admins add: each scan queues, with the folder's profile, every video under it that
-- the profile would change and that no job reads or writes yet.
CREATE TABLE library_folder (
    id               BIGSERIAL PRIMARY KEY,
    path             TEXT        NOT NULL UNIQUE,
    profile_id       BIGINT      NOT NULL REFERENCES encoding_profile (id),
    extensions       TEXT[]      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    scan_state       VARCHAR(16) NOT NULL DEFAULT 'NEVER'
        CHECK (scan_state IN ('NEVER', 'SCANNING', 'DONE', 'FAILED')),
    scan_node        VARCHAR(255),
    scan_started_at  TIMESTAMPTZ,
    scan_finished_at TIMESTAMPTZ,
    files_seen       INTEGER     NOT NULL DEFAULT 0,
    files_queued     INTEGER     NOT NULL DEFAULT 0,
    files_skipped    INTEGER     NOT NULL DEFAULT 0,
    skip_reasons     TEXT        NOT NULL DEFAULT '{}',
    scan_error       TEXT
);
