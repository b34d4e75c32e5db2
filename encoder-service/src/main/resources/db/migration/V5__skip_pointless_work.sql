-- Pointless work a profile may skip: inputs already in its codec, outputs larger than their input.
ALTER TABLE encoding_profile
    ADD COLUMN skip_if_target_codec  BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN discard_larger_output BOOLEAN NOT NULL DEFAULT FALSE;

-- SKIPPED: final, the input left as it was, status_reason says why.
ALTER TABLE encoding_job DROP CONSTRAINT encoding_job_status_check;
ALTER TABLE encoding_job ADD CONSTRAINT encoding_job_status_check
    CHECK (status IN ('QUEUED', 'PROCESSING', 'PAUSED', 'COMPLETED', 'SKIPPED', 'FAILED', 'CANCELLED'));

-- A library scan asks, for each file, whether a job already reads or writes it.
CREATE INDEX encoding_job_input ON encoding_job (input_path);
CREATE INDEX encoding_job_output ON encoding_job (output_path);
