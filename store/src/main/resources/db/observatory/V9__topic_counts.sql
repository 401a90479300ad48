-- The auditor's own count of a run, per event type, from Kafka rather than from anything the run's
-- components reported (docs/reliability.md, "The auditor"): records in the input topics, the run's
-- records in the dead-letter topic, and how many distinct input records those came from. The report
-- judges them against the generator's and the topology's counts.
CREATE TABLE topic_counts (
    run_id              text   NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    data_type           text   NOT NULL,
    in_topics           bigint NOT NULL,
    dead_letter_records bigint NOT NULL,
    dead_letter_origins bigint NOT NULL,
    PRIMARY KEY (run_id, data_type)
);
