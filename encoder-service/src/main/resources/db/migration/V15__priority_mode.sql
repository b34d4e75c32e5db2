-- How encodes yield the CPU (#18): IDLE (the kernel's idle class, a session and autogroup of their
-- own at nice 19, an idle cgroup where the node may make one) or NICE (the nice level alone, as
-- before). Existing installs move to IDLE too: nice levels rank threads only inside one autogroup
-- or cgroup, so a nice encode beside a foreground in another session takes an equal share.
ALTER TABLE resource_settings
    ADD COLUMN priority_mode VARCHAR(8) NOT NULL DEFAULT 'IDLE'
    CHECK (priority_mode IN ('IDLE', 'NICE'));
