package lab.performance.observatory.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.InvalidSpecException;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.spec.SpecWriter;

/** The {@code runs} table: a run's spec, plan, environment, status, timing, drain and stored report. */
public final class RunRecords {

    private final Jdbc jdbc;

    RunRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a run as running, with the exact spec its generators will read and the plan it is laid out by. */
    public void create(String runId, BenchmarkSpec spec, Plan plan, Map<String, String> environment) throws SQLException {
        jdbc.update("""
                INSERT INTO runs (run_id, benchmark, status, spec, plan, environment)
                VALUES (?, ?, 'running', ?::jsonb, ?::jsonb, ?::jsonb)""",
                runId, spec.name(), SpecWriter.toDocument(spec).toString(), plan == null ? null : ReportJson.writeValue(plan),
                Jdbc.json(environment));
    }

    /** Generation starts with its first instance: the earliest start recorded wins. */
    public void recordGenerationStart(String runId, Instant at) throws SQLException {
        jdbc.update("UPDATE runs SET generation_started_at = least(coalesce(generation_started_at, ?), ?) WHERE run_id = ?", at, at, runId);
    }

    /** Generation ends with its last instance: the latest end recorded wins. */
    public void recordGenerationEnd(String runId, Instant at) throws SQLException {
        jdbc.update("UPDATE runs SET generation_ended_at = greatest(coalesce(generation_ended_at, ?), ?) WHERE run_id = ?", at, at, runId);
    }

    public void finish(String runId, String status, Instant endedAt, RunFacts.Drain drain) throws SQLException {
        jdbc.update("UPDATE runs SET status = ?, ended_at = ?, drain_completed = ?, drain_seconds = ?, undrained_records = ? WHERE run_id = ?",
                status, endedAt, drain.completed(), drain.seconds(), drain.undrainedRecords(), runId);
    }

    /** Marks a run that ended without measurements (aborted, failed, superseded); a run already ended keeps its status. */
    public void abandon(String runId, String status, Instant endedAt) throws SQLException {
        jdbc.update("UPDATE runs SET status = ?, ended_at = ? WHERE run_id = ? AND status = 'running'", status, endedAt, runId);
    }

    /** Marks every run still marked running as ended; returns how many there were. */
    public int abandonAllRunning(String status, Instant endedAt) throws SQLException {
        return jdbc.update("UPDATE runs SET status = ?, ended_at = ? WHERE status = 'running'", status, endedAt);
    }

    public void saveReport(String runId, String reportJson, String reportPath) throws SQLException {
        jdbc.update("UPDATE runs SET report = ?::jsonb, report_path = ? WHERE run_id = ?", reportJson, reportPath, runId);
    }

    /** Adds (or replaces) named files of a run. */
    public void saveArtifacts(String runId, Map<String, String> artifacts) throws SQLException {
        jdbc.update("UPDATE runs SET artifacts = artifacts || ?::jsonb WHERE run_id = ?", Jdbc.json(artifacts), runId);
    }

    /** The stored facts of a run that has finished generating and ended; empty if unknown or never measured. */
    public Optional<RunFacts> facts(String runId) throws SQLException {
        return jdbc.queryOne("""
                SELECT spec::text, status, environment::text, generation_started_at, generation_ended_at, ended_at,
                       drain_completed, drain_seconds, undrained_records, artifacts::text, plan::text
                FROM runs WHERE run_id = ?""", rs -> facts(runId, rs), runId);
    }

    private static RunFacts facts(String runId, ResultSet rs) throws SQLException {
        Instant started = Jdbc.instant(rs, 4);
        Instant generated = Jdbc.instant(rs, 5);
        Instant ended = Jdbc.instant(rs, 6);
        if (started == null || generated == null || ended == null) {
            return null;
        }
        RunFacts.Drain drain = new RunFacts.Drain(rs.getBoolean(7), rs.getDouble(8), rs.getLong(9));
        String plan = rs.getString(11);
        return new RunFacts(runId, spec(rs.getString(1), runId), rs.getString(2), started, generated, ended, drain,
                Jdbc.fromJson(rs.getString(3), Jdbc.STRING_MAP), Jdbc.fromJson(rs.getString(10), Jdbc.STRING_MAP),
                plan == null ? null : ReportJson.readValue(plan, Plan.class));
    }

    /** The spec a run was created with. */
    public Optional<BenchmarkSpec> spec(String runId) throws SQLException {
        return jdbc.queryOne("SELECT spec::text FROM runs WHERE run_id = ?", rs -> spec(rs.getString(1), runId), runId);
    }

    /** Whether a run with this id exists at all, and its status. */
    public Optional<String> status(String runId) throws SQLException {
        return jdbc.queryOne("SELECT status FROM runs WHERE run_id = ?", rs -> rs.getString(1), runId);
    }

    /**
     * The status of a run that is over and closed, empty while it is not: a completed run counts once
     * its report is stored, since it is marked completed before its executor collects what it measured
     * (stopping the topology, whose last window summaries leave then) and the report is built.
     */
    public Optional<String> closedStatus(String runId) throws SQLException {
        return jdbc.queryOne("SELECT status FROM runs WHERE run_id = ? AND status <> 'running' AND (status <> 'completed' OR report IS NOT NULL)",
                rs -> rs.getString(1), runId);
    }

    /** The report as written when the run ended, if there is one of the current shape. */
    public Optional<RunReport> storedReport(String runId) throws SQLException {
        return jdbc.queryOne("SELECT report::text FROM runs WHERE run_id = ? AND (report ->> 'report_version')::int = ?",
                rs -> ReportJson.read(rs.getString(1)), runId, RunReport.VERSION);
    }

    /**
     * The stored reports (current shape) of many runs in one statement, by run id; runs without one
     * are absent (callers rebuild those few: see {@link Reports#report}).
     */
    public Map<String, RunReport> storedReports(java.util.Collection<String> runIds) throws SQLException {
        Map<String, RunReport> found = new java.util.HashMap<>();
        if (runIds.isEmpty()) {
            return found;
        }
        jdbc.forEach("SELECT run_id, report::text FROM runs WHERE run_id = ANY(?) AND (report ->> 'report_version')::int = ?",
                rs -> Map.entry(rs.getString(1), ReportJson.read(rs.getString(2))), e -> found.put(e.getKey(), e.getValue()),
                runIds.toArray(String[]::new), RunReport.VERSION);
        return found;
    }

    /** Completed runs of a benchmark (all benchmarks when null), oldest first: the series history is drawn from. */
    public List<String> completed(String benchmark, int limit) throws SQLException {
        return jdbc.query("""
                SELECT run_id FROM (
                    SELECT run_id, created_at FROM runs
                    WHERE status = 'completed' AND generation_ended_at IS NOT NULL AND (?::text IS NULL OR benchmark = ?)
                    ORDER BY created_at DESC, run_id DESC LIMIT ?) recent
                ORDER BY created_at, run_id""", rs -> rs.getString(1), benchmark, benchmark, limit);
    }

    /** The most recent runs first. */
    public List<RunSummary> list(int limit) throws SQLException {
        return find(new RunQuery(null, null, null, null, 0, Math.min(Math.max(limit, 1), RunQuery.MAX_SIZE))).runs();
    }

    /** One page of runs matching {@code query}, newest first, with how many match in all. */
    public record Page(List<RunSummary> runs, long total) {
    }

    public Page find(RunQuery query) throws SQLException {
        String where = """
                WHERE (?::text IS NULL OR benchmark = ?) AND (?::text IS NULL OR status = ?)
                  AND (?::timestamptz IS NULL OR created_at >= ?::timestamptz) AND (?::timestamptz IS NULL OR created_at <= ?::timestamptz)""";
        Object[] filter = {query.benchmark(), query.benchmark(), query.status(), query.status(), query.from(), query.from(), query.to(), query.to()};
        long total = jdbc.queryOne("SELECT count(*) FROM runs " + where, rs -> rs.getLong(1), filter).orElse(0L);
        Object[] params = java.util.Arrays.copyOf(filter, filter.length + 2);
        params[filter.length] = query.size();
        params[filter.length + 1] = query.offset();
        List<RunSummary> runs = jdbc.query(SELECT_SUMMARY + where + " ORDER BY created_at DESC, run_id DESC LIMIT ? OFFSET ?", SUMMARY, params);
        return new Page(runs, total);
    }

    /** One run's summary, if stored. */
    public java.util.Optional<RunSummary> summary(String runId) throws SQLException {
        return jdbc.queryOne(SELECT_SUMMARY + "WHERE run_id = ?", SUMMARY, runId);
    }

    /** A {@link RunSummary} per row: the run's columns and the headline figures of its stored report. */
    private static final String SELECT_SUMMARY = """
            SELECT run_id, benchmark, status, created_at,
                   extract(epoch FROM generation_ended_at - generation_started_at),
                   report -> 'events' ->> 'processed',
                   report -> 'throughput' ->> 'sustained_eps',
                   report -> 'latency_ms' -> 'end_to_end' ->> 'p99',
                   report -> 'targets' ->> 'met'
            FROM runs
            """;

    /** The most recent completed run of a benchmark, if any. */
    public java.util.Optional<String> latestCompleted(String benchmark) throws SQLException {
        return jdbc.queryOne("""
                SELECT run_id FROM runs WHERE benchmark = ? AND status = 'completed' AND report IS NOT NULL
                ORDER BY created_at DESC, run_id DESC LIMIT 1""", rs -> rs.getString(1), benchmark);
    }

    private static final Jdbc.Row<RunSummary> SUMMARY = rs -> new RunSummary(rs.getString(1), rs.getString(2), rs.getString(3),
            Jdbc.instant(rs, 4), nullableDouble(rs.getString(5)), rs.getString(6) == null ? null : Long.valueOf(rs.getString(6)),
            nullableDouble(rs.getString(7)), nullableDouble(rs.getString(8)), rs.getString(9) == null ? null : Boolean.valueOf(rs.getString(9)));

    private static Double nullableDouble(String value) {
        return value == null ? null : Double.valueOf(value);
    }

    private static BenchmarkSpec spec(String document, String runId) {
        try {
            return SpecParser.parse(Jdbc.JSON.readTree(document));
        } catch (InvalidSpecException | JsonProcessingException e) {
            throw new IllegalStateException("stored spec of run " + runId + " no longer validates: " + e.getMessage(), e);
        }
    }
}
