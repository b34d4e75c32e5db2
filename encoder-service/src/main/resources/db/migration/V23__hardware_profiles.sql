-- VAAPI and Quick Sync profiles (#21) name the render node they encode on; null: /dev/dri/renderD128.
ALTER TABLE encoding_profile ADD COLUMN device TEXT;

-- What each node can encode (#21): every video encoder a profile may name, probed at the node's
-- start by encoding a few frames with it (on its render node, for VAAPI and Quick Sync; device ''
-- for the others). A node claims only jobs whose profile's encoder and device it has; a device that
-- fails mid-job is marked here, with the driver's words, until a probe passes again.
CREATE TABLE node_capability (
    node      VARCHAR(255) NOT NULL,
    encoder   VARCHAR(32)  NOT NULL,
    device    TEXT         NOT NULL DEFAULT '',
    ok        BOOLEAN      NOT NULL,
    detail    TEXT,
    probed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (node, encoder, device)
);
