package lab.performance.observatory.cli;

import java.sql.SQLException;
import java.util.Optional;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.RunComparator;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.store.RunStore;

/** Finds baselines by name or run id and judges runs against them. */
final class Baselines {

    /** A baseline as resolved: the name it was asked by (or the run id) and its report. */
    record Resolved(String name, String runId, RunReport report) {
    }

    private Baselines() {
    }

    /** A baseline name first, then a run id; bad input when it is neither or has no measurements. */
    static Resolved resolve(RunStore store, String nameOrRunId) throws SQLException {
        Optional<String> named = store.baseline(nameOrRunId);
        String runId = named.orElse(nameOrRunId);
        Optional<RunReport> report = store.report(runId);
        if (report.isEmpty()) {
            throw CliException.badInput(named.isPresent()
                    ? "baseline " + nameOrRunId + " points at run " + runId + ", which has no measurements"
                    : "no baseline or run named " + nameOrRunId + " (observatory runs lists runs; observatory baseline set RUN_ID names one)");
        }
        return new Resolved(named.isPresent() ? nameOrRunId : runId, runId, report.get());
    }

    static Comparison compare(RunReport candidate, Resolved baseline, Thresholds thresholds) {
        return RunComparator.compare(candidate, baseline.report(), baseline.name(), thresholds);
    }
}
