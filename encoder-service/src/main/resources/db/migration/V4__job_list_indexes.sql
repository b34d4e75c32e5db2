-- The job list (GET /api/jobs) in queue order, all jobs or one status: a page is read from an
-- index, not sorted out of the whole table, however many jobs the history holds.
CREATE INDEX encoding_job_list ON encoding_job (priority DESC, created_at, id);
CREATE INDEX encoding_job_status_list ON encoding_job (status, priority DESC, created_at, id);
