-- Voluntary and involuntary context switches of a component's live threads so far, and the seconds
-- they waited runnable for a core, per sample (docs/measurement.md, "CPU counters"): 0 where the
-- source does not know them.
ALTER TABLE resource_samples ADD COLUMN voluntary_switches bigint NOT NULL DEFAULT 0;
ALTER TABLE resource_samples ADD COLUMN involuntary_switches bigint NOT NULL DEFAULT 0;
ALTER TABLE resource_samples ADD COLUMN run_queue_seconds double precision NOT NULL DEFAULT 0;
