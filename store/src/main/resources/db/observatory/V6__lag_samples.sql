-- The topology's consumer lag during a run, read from Kafka about once a second: records not yet
-- consumed over every input partition, and the age of the oldest of them (the timestamp of the
-- record at the committed offset; null when it could not be read). The report's timeline shows
-- both per window.
CREATE TABLE lag_samples (
    run_id      text             NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    sampled_at  timestamptz      NOT NULL,
    lag_records bigint           NOT NULL,
    lag_seconds double precision,
    PRIMARY KEY (run_id, sampled_at)
);
