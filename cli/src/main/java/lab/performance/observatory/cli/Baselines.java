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

    private Baselines() {
    }

    /** A baseline name first, then a run id; bad input when it is neither or has no measurements. */
    static RunStore.Baseline resolve(RunStore store, String nameOrRunId) throws SQLException {
        Optional<RunStore.Baseline> resolved = store.resolveBaseline(nameOrRunId);
        if (resolved.isEmpty()) {
            Optional<String> named = store.baseline(nameOrRunId);
            throw CliException.badInput(named.isPresent()
                    ? "baseline " + nameOrRunId + " points at run " + named.get() + ", which has no measurements"
                    : "no baseline or run named " + nameOrRunId + " (observatory runs lists runs; observatory baseline set RUN_ID names one)");
        }
        return resolved.get();
    }

    static Comparison compare(RunReport candidate, RunStore.Baseline baseline, Thresholds thresholds) {
        return RunComparator.compare(candidate, baseline.report(), baseline.name(), thresholds);
    }
}
