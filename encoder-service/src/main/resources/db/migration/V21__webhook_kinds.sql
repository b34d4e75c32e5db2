-- Webhook kinds (#20): how a delivery is written and sent. 'json' is Optimizarr's own document (the
-- only kind before); notification services, e-mail, and media servers that rescan what a job changed.
ALTER TABLE webhook
    ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'json'
        CHECK (kind IN ('json', 'discord', 'ntfy', 'gotify', 'apprise', 'email',
                        'plex', 'jellyfin', 'emby'));

-- The library folders a media-server webhook rescans after a job changed a file in them, and the
-- folder's path as that server sees it (a container often mounts it elsewhere).
CREATE TABLE media_server_folder (
    webhook_id  BIGINT NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    library_id  BIGINT NOT NULL REFERENCES library_folder (id) ON DELETE CASCADE,
    server_path TEXT   NOT NULL,
    PRIMARY KEY (webhook_id, library_id)
);
CREATE INDEX media_server_folder_library ON media_server_folder (library_id);
