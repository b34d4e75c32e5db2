-- Segmented encodes (#19). A profile encodes a film at least segment_above_seconds long (0: every
-- film) in chunks of about segment_seconds, cut at the input's keyframes, when segmented is on; each
-- finished chunk is kept in a folder beside the target and recorded here, so that the next run of
-- the job, on this node or another, starts from the first unfinished chunk.
ALTER TABLE encoding_profile
    ADD COLUMN segmented             BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN segment_seconds       INTEGER NOT NULL DEFAULT 60
        CHECK (segment_seconds BETWEEN 10 AND 3600),
    ADD COLUMN segment_above_seconds INTEGER NOT NULL DEFAULT 600
        CHECK (segment_above_seconds BETWEEN 0 AND 86400);

-- How many chunks the job's run cuts the film into (null: encoded in one pass).
ALTER TABLE encoding_job ADD COLUMN segment_count INTEGER CHECK (segment_count > 0);

-- One row per finished chunk, written by the run that encoded it while its claim held: where it
-- starts in the input, its frames (presentation order), its file's size, the node that encoded it
-- and how long that took. A run reuses a chunk whose file still has this size and these frames.
CREATE TABLE job_chunk (
    job_id          BIGINT           NOT NULL REFERENCES encoding_job (id) ON DELETE CASCADE,
    chunk_index     INTEGER          NOT NULL CHECK (chunk_index >= 0),
    start_seconds   DOUBLE PRECISION NOT NULL,
    first_frame     BIGINT           NOT NULL CHECK (first_frame >= 0),
    frames          BIGINT           NOT NULL CHECK (frames > 0),
    bytes           BIGINT           NOT NULL CHECK (bytes > 0),
    node            TEXT             NOT NULL,
    encode_seconds  DOUBLE PRECISION NOT NULL,
    finished_at     TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, chunk_index)
);

-- A release pause ends a segmented encode's ffmpeg at once, freeing its memory, VRAM and encoder
-- sessions, and encodes the chunk it was in again on resume; a stop pause (SIGSTOP) keeps them.
-- The causes that release: memory (foreign memory over its threshold), gpu (another program's GPU
-- or encoder use), window (no encoding window open); comma-separated, empty for none. The others
-- (CPU, temperatures, a silent monitor) always stop.
ALTER TABLE resource_settings
    ADD COLUMN release_pause_on TEXT NOT NULL DEFAULT 'memory,gpu,window';
