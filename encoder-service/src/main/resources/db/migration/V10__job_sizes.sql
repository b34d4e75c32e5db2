-- What a completed job did to the library: the input's size and the output's, in bytes. Jobs
-- completed before this column have none and are not counted in the space saved.
ALTER TABLE encoding_job
    ADD COLUMN input_bytes  BIGINT,
    ADD COLUMN output_bytes BIGINT;
