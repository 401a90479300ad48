-- A CDC source's commit-to-Kafka latency per window (docs/cdc.md): the change's broker
-- acknowledgement minus its transaction's commit, an HdrHistogram like the others; NULL for the
-- windows of every other source and of runs recorded before it existed.
ALTER TABLE generator_windows ADD COLUMN commit_to_kafka_us_hist bytea;
