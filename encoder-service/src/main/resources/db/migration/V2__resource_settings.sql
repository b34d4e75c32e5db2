-- The node-wide resource settings: one row, id 1, starting at DESIGN's defaults.
CREATE TABLE resource_settings (
    id                    SMALLINT    PRIMARY KEY CHECK (id = 1),
    cpu_threshold         INTEGER     NOT NULL,
    memory_threshold      INTEGER     NOT NULL,
    gpu_threshold         INTEGER     NOT NULL,
    nice_level            INTEGER     NOT NULL,
    cpu_affinity          VARCHAR(256) NOT NULL,
    enable_throttling     BOOLEAN     NOT NULL,
    resume_margin         INTEGER     NOT NULL,
    pause_after_samples   INTEGER     NOT NULL,
    resume_after_samples  INTEGER     NOT NULL,
    cpu_temperature_limit INTEGER     NOT NULL,
    gpu_temperature_limit INTEGER     NOT NULL,
    on_monitor_lost       VARCHAR(16) NOT NULL,
    stale_after_seconds   INTEGER     NOT NULL,
    max_concurrent_jobs   INTEGER     NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO resource_settings VALUES (1, 90, 85, 90, 10, '', TRUE, 10, 2, 5, 90, 85, 'PAUSE', 10, 1, now());
