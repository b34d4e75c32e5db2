-- Other programs' batch work (#18): a program in the idle scheduling class or at nice 15 or more
-- yields to everything else, so its CPU is spare capacity rather than foreign load. On by default;
-- off counts it as foreign, as before.
ALTER TABLE resource_settings ADD COLUMN ignore_batch_load BOOLEAN NOT NULL DEFAULT TRUE;
