-- Generator-side latency per data source and window of actual send time: schedule slip (actual −
-- intended send) and publish (acknowledgement − actual send), compressed HdrHistograms in µs.
CREATE TABLE generator_windows (
    run_id            text        NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    source            text        NOT NULL,
    data_type         text        NOT NULL,
    window_start      timestamptz NOT NULL,
    slip_us_hist      bytea       NOT NULL,
    publish_us_hist   bytea       NOT NULL,
    PRIMARY KEY (run_id, source, window_start)
);

ALTER TABLE resource_samples ADD COLUMN threads integer NOT NULL DEFAULT 0;

-- What a JVM component's flight recording said about the measured interval: GC and allocation,
-- hot methods, and the files made from it.
CREATE TABLE component_profiles (
    run_id       text  NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    component    text  NOT NULL,
    jvm          jsonb,
    hot_methods  jsonb NOT NULL DEFAULT '[]'::jsonb,
    artifacts    jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (run_id, component)
);

-- The broker's cumulative metrics, sampled through the run.
CREATE TABLE broker_samples (
    run_id              text             NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    sampled_at          timestamptz      NOT NULL,
    bytes_in            double precision NOT NULL,
    bytes_out           double precision NOT NULL,
    messages_in         double precision NOT NULL,
    produce_requests    bigint           NOT NULL,
    produce_time_ms_sum double precision NOT NULL,
    produce_p99_ms      double precision NOT NULL,
    fetch_requests      bigint           NOT NULL,
    fetch_time_ms_sum   double precision NOT NULL,
    fetch_p99_ms        double precision NOT NULL,
    PRIMARY KEY (run_id, sampled_at)
);

-- Files written for a run (HTML report, ...), by name.
ALTER TABLE runs ADD COLUMN artifacts jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Named baselines: the run every later run of a benchmark is judged against.
CREATE TABLE baselines (
    name    text        PRIMARY KEY,
    run_id  text        NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    set_at  timestamptz NOT NULL DEFAULT now()
);
