package lab.performance.observatory.cli;

import java.sql.SQLException;
import java.util.Optional;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.RunComparator;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.store.Baseline;
import lab.performance.observatory.store.RunStore;

/** Finds baselines by name or run id and judges runs against them. */
final class Baselines {

    private Baselines() {
    }

    /** A baseline name first, then a run id; bad input when it is neither or has no measurements. */
    static Baseline resolve(RunStore store, String nameOrRunId) throws SQLException {
        Optional<Baseline> resolved = store.baselines().resolve(nameOrRunId);
        if (resolved.isEmpty()) {
            Optional<String> named = store.baselines().runOf(nameOrRunId);
            throw CliException.badInput(named.isPresent()
                    ? "baseline " + nameOrRunId + " points at run " + named.get() + ", which has no measurements"
                    : "no baseline or run named " + nameOrRunId + " (observatory runs lists runs; observatory baseline set RUN_ID names one)");
        }
        return resolved.get();
    }

    /**
     * The baseline a run is judged against: {@code --baseline} (bad input when it does not exist),
     * else the spec's {@code comparison_baseline} when it is set (the first runs of a benchmark have
     * nothing to compare with, which is said, not an error), else none.
     */
    static Optional<String> forRun(RunStore store, boolean judge, String explicit, Optional<String> fromSpec, Console console)
            throws SQLException {
        String wanted = explicit != null ? explicit : fromSpec.orElse(null);
        if (wanted == null || !judge) {
            return Optional.empty();
        }
        if (explicit == null && unset(store, wanted)) {
            console.step("Baseline " + wanted + " (from the spec) is not set yet: no comparison; observatory baseline set RUN_ID --name "
                    + wanted + " sets it");
            return Optional.empty();
        }
        Baseline resolved = resolve(store, wanted);
        console.step("Judged against baseline " + resolved.describe());
        return Optional.of(wanted);
    }

    /** Whether neither a baseline nor a run has this name yet. */
    static boolean unset(RunStore store, String name) throws SQLException {
        return store.baselines().runOf(name).isEmpty() && store.runs().status(name).isEmpty();
    }

    static Comparison compare(RunReport candidate, Baseline baseline, Thresholds thresholds) {
        return RunComparator.compare(candidate, baseline.report(), baseline.name(), thresholds);
    }
}
