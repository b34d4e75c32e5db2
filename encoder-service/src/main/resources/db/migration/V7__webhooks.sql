-- Webhooks admins configure: a JSON POST per event, signed with HMAC-SHA256 when a secret is set.
CREATE TABLE webhook (
    id             BIGSERIAL PRIMARY KEY,
    name           VARCHAR(100) NOT NULL UNIQUE,
    url            TEXT         NOT NULL,
    secret         TEXT,
    events         TEXT[]       NOT NULL,
    paused_minutes INTEGER      NOT NULL DEFAULT 30,
    enabled        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Each delivery and how its attempts went; a node resumes its own pending ones when it starts.
CREATE TABLE webhook_delivery (
    id              BIGSERIAL PRIMARY KEY,
    webhook_id      BIGINT       NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    node            VARCHAR(255) NOT NULL,
    event           VARCHAR(32)  NOT NULL,
    payload         TEXT         NOT NULL,
    state           VARCHAR(16)  NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        INTEGER      NOT NULL DEFAULT 0,
    status_code     INTEGER,
    error           TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_attempt_at TIMESTAMPTZ
);
CREATE INDEX webhook_delivery_recent ON webhook_delivery (webhook_id, id DESC);
CREATE INDEX webhook_delivery_pending ON webhook_delivery (node) WHERE state = 'PENDING';
