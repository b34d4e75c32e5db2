-- Replace in place, restorable (#16). A profile writes its result beside the input (today's
-- behaviour) or replaces the input, keeping the original in the root's recycle folder for
-- recycle_days (0: deleted once the new file is in place); a library folder may override the mode.
-- min_savings_percent: a result that saves less than that share of the input is discarded.
ALTER TABLE encoding_profile
    ADD COLUMN output_mode         VARCHAR(16) NOT NULL DEFAULT 'beside'
        CHECK (output_mode IN ('beside', 'replace')),
    ADD COLUMN recycle_days        INTEGER     NOT NULL DEFAULT 7 CHECK (recycle_days >= 0),
    ADD COLUMN min_savings_percent INTEGER CHECK (min_savings_percent BETWEEN 1 AND 99);

ALTER TABLE library_folder
    ADD COLUMN output_mode VARCHAR(16) CHECK (output_mode IN ('beside', 'replace'));

-- The mode and the days are fixed on the job when it is queued: editing a profile never changes a
-- job mid-way. The replace is journaled on the job: status REPLACING with replace_step, the step
-- last written before its file-system step (docs/RELIABILITY.md). recycled_path: where the original
-- lies; original_state: RECYCLED (restorable until recycle_until), RESTORING, RESTORED, DELETED,
-- SWEPT, GONE; output_inode: the new file's inode, which tells a start whether it is in place yet
-- and lets a restore remove only the file we wrote.
ALTER TABLE encoding_job
    ADD COLUMN output_mode    VARCHAR(16) NOT NULL DEFAULT 'beside'
        CHECK (output_mode IN ('beside', 'replace')),
    ADD COLUMN recycle_days   INTEGER     NOT NULL DEFAULT 7 CHECK (recycle_days >= 0),
    ADD COLUMN replace_step   VARCHAR(24)
        CHECK (replace_step IN ('PLACE', 'RECYCLE', 'DELETE_ORIGINAL', 'DONE')),
    ADD COLUMN recycled_path  TEXT,
    ADD COLUMN original_state VARCHAR(16)
        CHECK (original_state IN ('RECYCLED', 'RESTORING', 'RESTORED', 'DELETED', 'SWEPT', 'GONE')),
    ADD COLUMN recycle_until  TIMESTAMPTZ,
    ADD COLUMN output_inode   BIGINT;

ALTER TABLE encoding_job DROP CONSTRAINT encoding_job_status_check;
ALTER TABLE encoding_job ADD CONSTRAINT encoding_job_status_check
    CHECK (status IN ('QUEUED', 'PROCESSING', 'PAUSED', 'REPLACING', 'COMPLETED', 'SKIPPED',
                      'FAILED', 'CANCELLED'));

-- A job that is replacing its input is unfinished: it still holds its output.
DROP INDEX encoding_job_open_output;
CREATE UNIQUE INDEX encoding_job_open_output ON encoding_job (output_path)
    WHERE status IN ('QUEUED', 'PROCESSING', 'PAUSED', 'REPLACING');
DROP INDEX encoding_job_node;
CREATE INDEX encoding_job_node ON encoding_job (node)
    WHERE status IN ('PROCESSING', 'PAUSED', 'REPLACING');

-- The daily sweep finds the originals whose time in the recycle folder is up.
CREATE INDEX encoding_job_recycled ON encoding_job (recycle_until) WHERE original_state = 'RECYCLED';
