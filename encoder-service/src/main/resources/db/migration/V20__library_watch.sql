-- Watched library folders (#20): new and changed files are found without pressing Scan. Each node
-- watches the folders' trees for file-system events and asks for a scan settle_seconds after one
-- (rescan_at); every folder is scanned again rescan_minutes after its last scan began (0: only on
-- events and by hand), for network shares that send no events. A scan leaves alone a file changed
-- less than settle_seconds ago, so a half-copied file is never queued, and asks for the scan that
-- will take it. Times are the node's clock; startScan is one atomic update, so one node scans.
ALTER TABLE library_folder
    ADD COLUMN rescan_minutes INTEGER NOT NULL DEFAULT 60 CHECK (rescan_minutes BETWEEN 0 AND 10080),
    ADD COLUMN settle_seconds INTEGER NOT NULL DEFAULT 60 CHECK (settle_seconds BETWEEN 0 AND 86400),
    ADD COLUMN rescan_at      TIMESTAMPTZ;
