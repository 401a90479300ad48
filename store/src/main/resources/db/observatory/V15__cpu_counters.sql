-- Hardware counters per component over a run's measured interval, from perf stat (docs/measurement.md,
-- "CPU counters"): a counter the machine cannot count is absent from sums, never 0; one row of the
-- component 'machine' with a reason says none could be counted at all.
CREATE TABLE cpu_counters (
    run_id    text NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    component text NOT NULL,
    sums      jsonb NOT NULL,
    seconds   double precision NOT NULL,
    reason    text,
    PRIMARY KEY (run_id, component)
);
