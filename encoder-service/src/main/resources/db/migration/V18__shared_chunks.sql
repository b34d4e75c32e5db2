-- One long film across nodes (#19). A profile that shares chunks lets the node running a segmented
-- encode (its owner) offer the chunks not yet finished to every node: each is taken exactly once
-- (SKIP LOCKED, a token per take), encoded under the taker's own governor, put whole into the
-- job's chunk folder and recorded in job_chunk, which removes its task; the owner joins and checks.
ALTER TABLE encoding_profile ADD COLUMN share_chunks BOOLEAN NOT NULL DEFAULT FALSE;

CREATE SEQUENCE chunk_task_token;

-- A chunk offered and not yet finished, for the run of the job under claim job_claim only (a task
-- of an earlier claim is never taken, and the next run's offer removes it). The chunk as cut (start,
-- first frame, frames) and the SHA-256 of the ffmpeg arguments that encode it (its output aside):
-- a taker encodes it only if it makes exactly these arguments from the job and its profile. While
-- taken: by which node, its take's token, its ffmpeg's pid; a task whose node's lease ran out may
-- be taken again, and its taker removes the lost run's work folder.
CREATE TABLE chunk_task (
    job_id           BIGINT           NOT NULL REFERENCES encoding_job (id) ON DELETE CASCADE,
    chunk_index      INTEGER          NOT NULL CHECK (chunk_index >= 0),
    job_claim        BIGINT           NOT NULL,
    start_seconds    DOUBLE PRECISION NOT NULL,
    first_frame      BIGINT           NOT NULL CHECK (first_frame >= 0),
    frames           BIGINT           NOT NULL CHECK (frames > 0),
    arguments_sha256 TEXT             NOT NULL,
    node             TEXT,
    token            BIGINT,
    pid              BIGINT,
    taken_at         TIMESTAMPTZ,
    PRIMARY KEY (job_id, chunk_index),
    CHECK ((node IS NULL) = (token IS NULL))
);

CREATE INDEX chunk_task_node ON chunk_task (node) WHERE node IS NOT NULL;
