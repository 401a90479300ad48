-- A fault the chaos command injected into a run and what it did (docs/reliability.md, "Fault suite"):
-- when it was planned, when it was injected and healed, and its figures (lost, duplicates, recovery,
-- latency spike, the audit's verdict, why it failed) as the chaos command computed them.
CREATE TABLE run_faults (
    run_id              text             NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    fault               text             NOT NULL,
    planned_at_s        double precision NOT NULL,
    planned_duration_s  double precision NOT NULL,
    injected_at         timestamptz,
    healed_at           timestamptz,
    passed              boolean          NOT NULL,
    figures             jsonb            NOT NULL,
    PRIMARY KEY (run_id, fault)
);
