-- What the run's own stack did without the pipeline, at the run's rate and record sizes
-- (docs/measurement.md, "Ceiling"): raw Kafka (plain producer to plain consumer) and a pass-through
-- Kafka Streams topology, alternated over repeats. cpu_us_per_event is the pass-through's; null for raw.
CREATE TABLE ceiling_probes (
    run_id           text NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('raw_kafka', 'pass_through')),
    repeat           integer NOT NULL,
    offered_eps      double precision NOT NULL,
    measured_events  bigint NOT NULL,
    measured_seconds double precision NOT NULL,
    p50_ms           double precision NOT NULL,
    p99_ms           double precision NOT NULL,
    p999_ms          double precision NOT NULL,
    cpu_us_per_event double precision,
    PRIMARY KEY (run_id, kind, repeat)
);

-- With the ceiling's max search: the highest rate the pipeline and the pass-through topology each
-- sustained (null: none of the rates tried), by the same search and criteria as run --find-max.
CREATE TABLE ceiling_max_rates (
    run_id   text NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    subject  text NOT NULL CHECK (subject IN ('pipeline', 'pass_through')),
    max_eps  double precision,
    steps    integer NOT NULL,
    PRIMARY KEY (run_id, subject)
);
