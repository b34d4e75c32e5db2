-- API keys for scripts and integrations (#20), sent as the header X-Api-Key (as the *arr tools do)
-- or, where a tool can set no header, as the query parameter apikey. A key is 32 random bytes;
-- only its SHA-256 is kept (a fast hash is enough for a secret that long, and costs a request none
-- of bcrypt's time), with the first characters to tell keys apart. Revoking deletes the row.
CREATE TABLE api_key (
    id           BIGSERIAL   PRIMARY KEY,
    name         TEXT        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
    role         TEXT        NOT NULL CHECK (role IN ('admin', 'viewer')),
    key_sha256   TEXT        NOT NULL UNIQUE,
    key_prefix   TEXT        NOT NULL,
    created_by   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ
);
