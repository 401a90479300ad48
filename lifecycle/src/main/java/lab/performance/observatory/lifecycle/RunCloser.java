package lab.performance.observatory.lifecycle;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.RunComparator;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.store.Baseline;
import lab.performance.observatory.store.RunStore;

/**
 * Closes and judges a run, the same way for every front end: marks it completed with how the drain
 * went, lets the executor store what it measured, builds the report from PostgreSQL alone, stores it,
 * and compares it with its baseline (never with itself).
 */
public final class RunCloser {

    private final RunStore store;

    public RunCloser(RunStore store) {
        this.store = store;
    }

    public RunOutcome close(String runId, RunFacts.Drain drain, Instant endedAt, RunExecutor executor, Optional<String> baselineRef,
                            Thresholds thresholds) throws Exception {
        store.runs().finish(runId, "completed", endedAt, drain);
        RunFacts facts = store.runs().facts(runId).orElseThrow(() -> new IllegalStateException(
                "run " + runId + " has no generation times after completing: its generators recorded nothing"));
        executor.collect(facts);
        RunReport report = store.reports().rebuild(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " has no facts"));
        store.runs().saveReport(runId, ReportJson.write(report), executor.reportLocation(runId));
        Optional<Baseline> baseline = baseline(runId, baselineRef);
        Optional<Comparison> comparison = baseline.map(b -> RunComparator.compare(report, b.report(), b.name(), thresholds));
        return new RunOutcome(report, baseline, comparison);
    }

    private Optional<Baseline> baseline(String runId, Optional<String> ref) throws SQLException {
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        return store.baselines().resolve(ref.get()).filter(b -> !b.runId().equals(runId));
    }
}
