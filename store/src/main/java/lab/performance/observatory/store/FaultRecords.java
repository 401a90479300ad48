package lab.performance.observatory.store;

import java.sql.SQLException;
import java.util.List;
import lab.performance.observatory.core.fault.FaultAnalysis;
import lab.performance.observatory.core.fault.FaultFigures;
import lab.performance.observatory.core.fault.FaultPlan;
import lab.performance.observatory.core.report.ReportJson;

/** Faults injected into runs and their figures (V12); saving a fault of a run again replaces it. */
public final class FaultRecords {

    private final Jdbc jdbc;

    FaultRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** @param injection null when the fault was never injected (the run ended first, or injecting it failed) */
    public void save(String runId, FaultPlan plan, FaultAnalysis.Injection injection, FaultFigures figures) throws SQLException {
        jdbc.update("""
                INSERT INTO run_faults (run_id, fault, planned_at_s, planned_duration_s, injected_at, healed_at, passed, figures)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (run_id, fault) DO UPDATE SET planned_at_s = EXCLUDED.planned_at_s,
                    planned_duration_s = EXCLUDED.planned_duration_s, injected_at = EXCLUDED.injected_at,
                    healed_at = EXCLUDED.healed_at, passed = EXCLUDED.passed, figures = EXCLUDED.figures""",
                runId, plan.fault().wireName(), plan.at().toMillis() / 1000.0, plan.duration().toMillis() / 1000.0,
                injection == null ? null : injection.injectedAt(), injection == null ? null : injection.healedAt(), figures.passed(),
                ReportJson.writeValue(figures));
    }

    /** The faults of a run, by name. */
    public List<FaultFigures> of(String runId) throws SQLException {
        return jdbc.query("SELECT figures::text FROM run_faults WHERE run_id = ? ORDER BY fault",
                rs -> ReportJson.readValue(rs.getString(1), FaultFigures.class), runId);
    }
}
