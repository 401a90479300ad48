package lab.performance.observatory.store;

import java.sql.SQLException;
import java.util.Optional;

/** Named baselines ({@code baselines}): a name pointing at a completed run. */
public final class BaselineRecords {

    private final Jdbc jdbc;
    private final Reports reports;

    BaselineRecords(Jdbc jdbc, Reports reports) {
        this.jdbc = jdbc;
        this.reports = reports;
    }

    /** Names a run as a baseline (replacing what the name pointed at). */
    public void set(String name, String runId) throws SQLException {
        jdbc.update("""
                INSERT INTO baselines (name, run_id) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET run_id = EXCLUDED.run_id, set_at = now()""", name, runId);
    }

    /** The run a baseline name points at. */
    public Optional<String> runOf(String name) throws SQLException {
        return jdbc.queryOne("SELECT run_id FROM baselines WHERE name = ?", rs -> rs.getString(1), name);
    }

    /** A named baseline: the run it points at and when it was set. */
    public record Named(String name, String runId, java.time.Instant setAt) {
    }

    /** Every named baseline, by name. */
    public java.util.List<Named> list() throws SQLException {
        return jdbc.query("SELECT name, run_id, set_at FROM baselines ORDER BY name",
                rs -> new Named(rs.getString(1), rs.getString(2), Jdbc.instant(rs, 3)));
    }

    /** A baseline name first, then a run id; empty when it is neither or its run has no measurements. */
    public Optional<Baseline> resolve(String nameOrRunId) throws SQLException {
        Optional<String> named = runOf(nameOrRunId);
        String runId = named.orElse(nameOrRunId);
        return reports.report(runId).map(r -> new Baseline(named.isPresent() ? nameOrRunId : runId, runId, r));
    }
}
