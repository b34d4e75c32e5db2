-- When the node encodes (one row, like resource_settings): encoding windows as JSON
-- ([{"days": ["MON", …], "start": "22:00", "end": "07:00"}], empty for always), what running
-- encodes do outside them, a "run now" override, and the idle thresholds.
CREATE TABLE schedule_settings (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    windows               TEXT        NOT NULL DEFAULT '[]',
    outside_window        VARCHAR(16) NOT NULL DEFAULT 'PAUSE'
        CHECK (outside_window IN ('PAUSE', 'FINISH_CURRENT')),
    run_now_until         TIMESTAMPTZ,
    idle_enabled          BOOLEAN     NOT NULL DEFAULT FALSE,
    idle_cpu_below        INTEGER     NOT NULL DEFAULT 15,
    idle_after_minutes    INTEGER     NOT NULL DEFAULT 10,
    idle_in_use_after_seconds INTEGER NOT NULL DEFAULT 30,
    idle_cpu_threshold    INTEGER     NOT NULL DEFAULT 95,
    idle_memory_threshold INTEGER     NOT NULL DEFAULT 95,
    idle_gpu_threshold    INTEGER     NOT NULL DEFAULT 95,
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO schedule_settings (id) VALUES (1);
