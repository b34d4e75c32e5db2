-- The daily digest (#20) is sent once a day by one node of the cluster: the first to insert the
-- day's row sends it.
CREATE TABLE digest_sent (
    day     DATE PRIMARY KEY,
    node    VARCHAR(255) NOT NULL,
    sent_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
