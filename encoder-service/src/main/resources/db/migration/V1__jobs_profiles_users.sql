-- Users of the API and UI; passwords as bcrypt hashes (modular crypt format).
CREATE TABLE app_user (
    id            BIGSERIAL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('admin', 'viewer')),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- How a job encodes, with optional per-profile resource overrides (null: the node's setting).
CREATE TABLE encoding_profile (
    id                 BIGSERIAL PRIMARY KEY,
    name               VARCHAR(100) NOT NULL UNIQUE,
    video_codec        VARCHAR(32)  NOT NULL,
    quality            INTEGER,
    preset             VARCHAR(32),
    audio_codec        VARCHAR(16)  NOT NULL,
    audio_bitrate_kbps INTEGER,
    container          VARCHAR(8)   NOT NULL,
    cpu_threshold      INTEGER,
    memory_threshold   INTEGER,
    gpu_threshold      INTEGER,
    nice_level         INTEGER,
    cpu_affinity       VARCHAR(256),
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version            INTEGER      NOT NULL DEFAULT 0
);

CREATE TABLE encoding_job (
    id                BIGSERIAL PRIMARY KEY,
    input_path        TEXT        NOT NULL,
    output_path       TEXT        NOT NULL,
    profile_id        BIGINT      NOT NULL REFERENCES encoding_profile (id),
    priority          INTEGER     NOT NULL DEFAULT 0,
    overwrite         BOOLEAN     NOT NULL DEFAULT FALSE,
    status            VARCHAR(16) NOT NULL
        CHECK (status IN ('QUEUED', 'PROCESSING', 'PAUSED', 'COMPLETED', 'FAILED', 'CANCELLED')),
    status_reason     TEXT,
    progress_percent  DOUBLE PRECISION NOT NULL DEFAULT 0,
    fps               DOUBLE PRECISION,
    speed             DOUBLE PRECISION,
    eta_seconds       BIGINT,
    duration_seconds  DOUBLE PRECISION,
    node              VARCHAR(255),
    pid               BIGINT,
    attempts          INTEGER     NOT NULL DEFAULT 0,
    error             TEXT,
    cpu_percent       DOUBLE PRECISION,
    memory_bytes      BIGINT,
    peak_cpu_percent  DOUBLE PRECISION,
    peak_memory_bytes BIGINT,
    paused_seconds    DOUBLE PRECISION NOT NULL DEFAULT 0,
    ignore_thresholds BOOLEAN     NOT NULL DEFAULT FALSE,
    manual_pause      BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    version           INTEGER     NOT NULL DEFAULT 0
);

-- The queue in claiming order: higher priority first, then oldest.
CREATE INDEX encoding_job_queue ON encoding_job (priority DESC, created_at, id) WHERE status = 'QUEUED';
CREATE INDEX encoding_job_node ON encoding_job (node) WHERE status IN ('PROCESSING', 'PAUSED');

-- Each job's timeline.
CREATE TABLE job_event (
    id      BIGSERIAL PRIMARY KEY,
    job_id  BIGINT      NOT NULL REFERENCES encoding_job (id) ON DELETE CASCADE,
    at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    type    VARCHAR(32) NOT NULL,
    message TEXT        NOT NULL
);
CREATE INDEX job_event_job ON job_event (job_id, at, id);

-- Three sensible profiles to start with.
INSERT INTO encoding_profile (name, video_codec, quality, preset, audio_codec, audio_bitrate_kbps, container)
VALUES ('HEVC balanced', 'libx265', 24, 'medium', 'copy', NULL, 'mkv'),
       ('H.264 compatible', 'libx264', 21, 'slow', 'aac', 160, 'mp4'),
       ('AV1 small', 'libsvtav1', 32, '8', 'opus', 128, 'mkv');
