-- No two unfinished jobs write the same output: the rule held by the schema, so that two requests
-- (or two library scans) at once cannot both queue one. Inserts answer it with ON CONFLICT.
-- A queue from before this rule may hold such pairs (a count-then-insert race): of each pair the
-- queued job (of two queued ones, the later) fails, saying why, before the index is made.
WITH failed AS (
UPDATE encoding_job queued
SET status = 'FAILED', finished_at = now(), version = queued.version + 1,
    status_reason = 'another unfinished job (' || other.id || ') writes the same output'
FROM encoding_job other
WHERE queued.status = 'QUEUED'
  AND other.status IN ('QUEUED', 'PROCESSING', 'PAUSED')
  AND other.output_path = queued.output_path
  AND (other.status <> 'QUEUED' OR other.id < queued.id)
RETURNING queued.id, queued.status_reason)
INSERT INTO job_event (job_id, type, message) SELECT id, 'FAILED', status_reason FROM failed;

CREATE UNIQUE INDEX encoding_job_open_output ON encoding_job (output_path)
    WHERE status IN ('QUEUED', 'PROCESSING', 'PAUSED');
