-- What the lifecycle judged when a run closed, so history is queryable from PostgreSQL alone
-- (the benchmark history dashboard): the run against its baseline, and the change points found
-- in its benchmark's history of each headline metric (recomputed after every run).
CREATE TABLE run_verdicts (
    run_id          text        PRIMARY KEY REFERENCES runs (run_id) ON DELETE CASCADE,
    baseline_name   text        NOT NULL,
    baseline_run_id text        NOT NULL,
    verdict         text        NOT NULL,
    regressed       text[]      NOT NULL,
    comparison      jsonb       NOT NULL,
    judged_at       timestamptz NOT NULL
);

CREATE TABLE change_points (
    benchmark      text             NOT NULL,
    metric         text             NOT NULL,
    run_id         text             NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    p_value        double precision NOT NULL,
    mean_before    double precision NOT NULL,
    mean_after     double precision NOT NULL,
    change_percent double precision NOT NULL,
    PRIMARY KEY (benchmark, metric, run_id)
);
