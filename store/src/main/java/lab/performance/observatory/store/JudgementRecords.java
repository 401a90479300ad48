package lab.performance.observatory.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.verdict.ChangePoints;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.MetricComparison;
import lab.performance.observatory.core.verdict.MetricHistory;

/** What runs were judged to be: each one against its baseline, and the change points in its benchmark's history. */
public final class JudgementRecords {

    private final Jdbc jdbc;

    JudgementRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The run's verdict against its baseline (a run judged again replaces its verdict). */
    public void saveVerdict(Comparison comparison, Instant judgedAt) throws SQLException {
        String[] regressed = comparison.regressions().stream().map(MetricComparison::metric).toArray(String[]::new);
        jdbc.update("""
                INSERT INTO run_verdicts (run_id, baseline_name, baseline_run_id, verdict, regressed, comparison, judged_at)
                VALUES (?, ?, ?, ?, ?::text[], ?::jsonb, ?)
                ON CONFLICT (run_id) DO UPDATE SET baseline_name = excluded.baseline_name, baseline_run_id = excluded.baseline_run_id,
                    verdict = excluded.verdict, regressed = excluded.regressed, comparison = excluded.comparison, judged_at = excluded.judged_at""",
                comparison.candidateRunId(), comparison.baselineName(), comparison.baselineRunId(), comparison.verdict().wireName(),
                "{" + String.join(",", regressed) + "}", ReportJson.writeValue(comparison), judgedAt);
    }

    /** The verdict stored for a run, if it was judged. */
    public java.util.Optional<String> verdict(String runId) throws SQLException {
        return jdbc.queryOne("SELECT verdict FROM run_verdicts WHERE run_id = ?", rs -> rs.getString(1), runId);
    }

    /** A stored verdict: the run against the baseline it was judged with, and the metrics that regressed. */
    public record Verdict(String runId, String baselineName, String baselineRunId, String verdict, List<String> regressed, Instant judgedAt) {
    }

    private static final Jdbc.Row<Verdict> VERDICT = rs -> new Verdict(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            List.of((String[]) rs.getArray(5).getArray()), Jdbc.instant(rs, 6));

    /** The verdicts of many runs in one statement, by run id; runs never judged are absent. */
    public java.util.Map<String, Verdict> verdicts(java.util.Collection<String> runIds) throws SQLException {
        java.util.Map<String, Verdict> found = new java.util.HashMap<>();
        if (!runIds.isEmpty()) {
            jdbc.forEach("SELECT run_id, baseline_name, baseline_run_id, verdict, regressed, judged_at FROM run_verdicts WHERE run_id = ANY(?)",
                    VERDICT, v -> found.put(v.runId(), v), (Object) runIds.toArray(String[]::new));
        }
        return found;
    }

    /** Runs judged regressions, newest first, of one benchmark (all when null). */
    public List<Verdict> regressions(String benchmark, int limit) throws SQLException {
        return jdbc.query("""
                SELECT v.run_id, v.baseline_name, v.baseline_run_id, v.verdict, v.regressed, v.judged_at
                FROM run_verdicts v JOIN runs r USING (run_id)
                WHERE v.verdict = 'regression' AND (?::text IS NULL OR r.benchmark = ?)
                ORDER BY r.created_at DESC, v.run_id DESC LIMIT ?""", VERDICT, benchmark, benchmark, limit);
    }

    /** Replaces the change points of one benchmark's metric with those of its current history. */
    public void saveChangePoints(String benchmark, MetricHistory history) throws SQLException {
        jdbc.update("DELETE FROM change_points WHERE benchmark = ? AND metric = ?", benchmark, history.metric());
        List<ChangePoints.ChangePoint> points = history.changePoints();
        jdbc.batch("""
                INSERT INTO change_points (benchmark, metric, run_id, p_value, mean_before, mean_after, change_percent)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", points, (s, c) -> {
                    s.setString(1, benchmark);
                    s.setString(2, history.metric());
                    s.setString(3, history.points().get(c.index()).runId());
                    s.setDouble(4, c.pValue());
                    s.setDouble(5, c.meanBefore());
                    s.setDouble(6, c.meanAfter());
                    s.setDouble(7, c.changePercent());
                });
    }

    /** Run ids at which a benchmark's metric stepped, oldest first. */
    public List<String> changePoints(String benchmark, String metric) throws SQLException {
        return jdbc.query("""
                SELECT c.run_id FROM change_points c JOIN runs r USING (run_id)
                WHERE c.benchmark = ? AND c.metric = ? ORDER BY r.created_at""", rs -> rs.getString(1), benchmark, metric);
    }
}
