-- Leases for encoder nodes and fencing tokens for claims (#17). Each node renews its row every few
-- seconds (queue/NodeLease); a node whose row is older than its own lease (lease_ms, the node's
-- OPTIMIZARR_NODE_LEASE) counts as lost, and any live node requeues its PROCESSING and PAUSED jobs.
-- Its REPLACING jobs stay: their journal is completed or undone by that node's next start, on the
-- file system that holds them. Times are the database's (now()), so the nodes' clocks never count.
CREATE TABLE node_lease (
    node       VARCHAR(255) PRIMARY KEY,
    renewed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    lease_ms   BIGINT       NOT NULL CHECK (lease_ms > 0),
    started_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- A node that holds jobs now, before it has a lease of its own (it runs an earlier version): the
-- default lease from this moment, so that its jobs are taken only if it stays silent.
INSERT INTO node_lease (node, lease_ms)
SELECT DISTINCT node, 60000 FROM encoding_job
WHERE node IS NOT NULL AND status IN ('PROCESSING', 'PAUSED', 'REPLACING');

-- Every claim gets a fresh token; each write a run makes is conditioned on it, so a node whose job
-- was taken and claimed again (a new token) cannot write over the new run, and finds out.
CREATE SEQUENCE encoding_job_claim_token;
ALTER TABLE encoding_job ADD COLUMN claim_token BIGINT;
UPDATE encoding_job SET claim_token = nextval('encoding_job_claim_token')
WHERE status IN ('PROCESSING', 'PAUSED', 'REPLACING');
