-- Replayed records the window sink recognised (below its stored progress) and skipped, per run and
-- input partition (docs/reliability.md). Added to in the transaction of the flush that follows the
-- replay; a record replayed again after a second crash is counted again: it was skipped again.
CREATE TABLE sink_replays (
    run_id           text    NOT NULL,
    application_id   text    NOT NULL,
    topic            text    NOT NULL,
    kafka_partition  integer NOT NULL,
    skipped          bigint  NOT NULL,
    PRIMARY KEY (run_id, application_id, topic, kafka_partition)
);
