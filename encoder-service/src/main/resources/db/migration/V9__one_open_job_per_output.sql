-- No two unfinished jobs write the same output: the rule held by the schema, so that two requests
-- (or two library scans) at once cannot both queue one. Inserts answer it with ON CONFLICT.
-- A queue from before this rule may hold such jobs (a count-then-insert race): of each output's
-- unfinished jobs one stays — a running one before a queued one, the oldest first — and the others
-- fail, saying why, before the index is made.
WITH ranked AS (
    SELECT id, output_path,
           first_value(id) OVER w AS kept,
           row_number() OVER w AS rank
    FROM encoding_job
    WHERE status IN ('QUEUED', 'PROCESSING', 'PAUSED')
    WINDOW w AS (PARTITION BY output_path ORDER BY (status = 'QUEUED'), id)),
failed AS (
    UPDATE encoding_job j
    SET status = 'FAILED', finished_at = now(), version = j.version + 1, pid = NULL,
        manual_pause = FALSE,
        status_reason = 'another unfinished job (' || ranked.kept || ') writes the same output'
    FROM ranked
    WHERE j.id = ranked.id AND ranked.rank > 1
    RETURNING j.id, j.status_reason)
INSERT INTO job_event (job_id, type, message) SELECT id, 'FAILED', status_reason FROM failed;

CREATE UNIQUE INDEX encoding_job_open_output ON encoding_job (output_path)
    WHERE status IN ('QUEUED', 'PROCESSING', 'PAUSED');
