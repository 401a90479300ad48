-- One row per benchmark run. The spec is the normalised PipelineBenchmark document it ran with.
CREATE TABLE runs (
    run_id                 text        PRIMARY KEY,
    benchmark              text        NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'aborted')),
    spec                   jsonb       NOT NULL,
    environment            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at             timestamptz NOT NULL DEFAULT now(),
    generation_started_at  timestamptz,
    generation_ended_at    timestamptz,
    ended_at               timestamptz,
    drain_completed        boolean,
    drain_seconds          double precision,
    undrained_records      bigint,
    report                 jsonb,
    report_path            text
);
CREATE INDEX runs_by_benchmark ON runs (benchmark, created_at DESC);

-- What the generator did per data source; "acked" is what the broker acknowledged.
CREATE TABLE run_sources (
    run_id       text   NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    source       text   NOT NULL,
    data_type    text   NOT NULL,
    topic        text   NOT NULL,
    sent         bigint NOT NULL,
    acked        bigint NOT NULL,
    failed       bigint NOT NULL,
    acked_bytes  bigint NOT NULL,
    PRIMARY KEY (run_id, source)
);

-- CPU and memory of each component's processes, sampled through the run.
CREATE TABLE resource_samples (
    run_id          text             NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    component       text             NOT NULL,
    sampled_at      timestamptz      NOT NULL,
    cpu_seconds     double precision NOT NULL,
    rss_bytes       bigint           NOT NULL,
    peak_rss_bytes  bigint           NOT NULL,
    PRIMARY KEY (run_id, component, sampled_at)
);

-- The next input offset the topology has NOT yet written to window_metrics, per input partition.
-- Written in the same transaction as the window rows: a replayed record is recognised and skipped,
-- so nothing is counted twice whatever Kafka redelivers.
CREATE TABLE sink_progress (
    application_id   text        NOT NULL,
    topic            text        NOT NULL,
    kafka_partition  integer     NOT NULL,
    next_offset      bigint      NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, topic, kafka_partition)
);

-- Topology output: per run, event type and processing-time window, what one commit of one input
-- partition added (rows of the same window add up). Latency is a compressed HdrHistogram in
-- microseconds, so any set of windows merges into exact percentiles.
-- A TimescaleDB hypertable where the extension is loaded, native range partitions by day otherwise.
DO $$
DECLARE
    columns text := $cols$
        window_start     timestamptz      NOT NULL,
        run_id           text             NOT NULL,
        event_type       text             NOT NULL,
        application_id   text             NOT NULL,
        topic            text             NOT NULL,
        kafka_partition  integer          NOT NULL,
        first_offset     bigint           NOT NULL,
        last_offset      bigint           NOT NULL,
        events           bigint           NOT NULL,
        bytes            bigint           NOT NULL,
        dead_lettered    bigint           NOT NULL,
        measure_sum      double precision NOT NULL,
        latency_us_max   bigint           NOT NULL,
        latency_us_hist  bytea            NOT NULL,
        written_at       timestamptz      NOT NULL DEFAULT now(),
        PRIMARY KEY (window_start, run_id, event_type, application_id, topic, kafka_partition, first_offset)
    $cols$;
    timescale boolean := EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
                         AND coalesce(current_setting('shared_preload_libraries', true), '') LIKE '%timescaledb%';
BEGIN
    IF timescale THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        EXECUTE 'CREATE TABLE window_metrics (' || columns || ')';
        PERFORM create_hypertable('window_metrics', 'window_start', chunk_time_interval => INTERVAL '1 day');
    ELSE
        EXECUTE 'CREATE TABLE window_metrics (' || columns || ') PARTITION BY RANGE (window_start)';
        -- catches rows for days nobody created a partition for; never loses a row
        CREATE TABLE window_metrics_default PARTITION OF window_metrics DEFAULT;
    END IF;
END
$$;
CREATE INDEX window_metrics_by_run ON window_metrics (run_id, event_type, window_start);

-- Creates the daily partitions covering [from_day, from_day + days) unless they exist; a no-op for
-- a hypertable. Rows of such a day already caught by the default partition move into the new one.
-- Returns how many partitions it created.
CREATE FUNCTION observatory_ensure_window_partitions(from_day date, days integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    created integer := 0;
    day date;
    lo timestamptz;
    hi timestamptz;
    partition text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
                   WHERE c.relname = 'window_metrics') THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('observatory_ensure_window_partitions'));
    FOR i IN 0 .. days - 1 LOOP
        day := from_day + i;
        lo := day::timestamp AT TIME ZONE 'UTC';
        hi := (day + 1)::timestamp AT TIME ZONE 'UTC';
        partition := 'window_metrics_' || to_char(day, 'YYYYMMDD');
        IF to_regclass(partition) IS NULL THEN
            CREATE TEMP TABLE IF NOT EXISTS observatory_moving_windows (LIKE window_metrics) ON COMMIT DROP;
            WITH moved AS (DELETE FROM window_metrics_default WHERE window_start >= lo AND window_start < hi RETURNING *)
            INSERT INTO observatory_moving_windows SELECT * FROM moved;
            EXECUTE format('CREATE TABLE %I PARTITION OF window_metrics FOR VALUES FROM (%L) TO (%L)', partition, lo, hi);
            INSERT INTO window_metrics SELECT * FROM observatory_moving_windows;
            TRUNCATE observatory_moving_windows;
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$$;

-- Per run, type and window, summed over partitions and commits (histograms are merged in Java).
CREATE VIEW window_totals AS
SELECT run_id, event_type, window_start,
       sum(events)::bigint        AS events,
       sum(bytes)::bigint         AS bytes,
       sum(dead_lettered)::bigint AS dead_lettered,
       sum(measure_sum)           AS measure_sum,
       max(latency_us_max)        AS latency_us_max
FROM window_metrics
GROUP BY run_id, event_type, window_start;
