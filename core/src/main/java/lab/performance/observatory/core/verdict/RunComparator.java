package lab.performance.observatory.core.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import lab.performance.observatory.core.report.RunReport;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Judges a run against a baseline run (docs/architecture.md, "Measurement"): per metric, the change and a Mann-Whitney U test
 * on per-window samples. A metric regresses when it moved the wrong way by more than its threshold
 * and the test says the windows differ (p below alpha); it improves symmetrically. Pure.
 *
 * <p>Per-window samples of one run are not independent (a slow second tends to follow a slow
 * second), so p-values are optimistic; the magnitude threshold is what keeps that honest.
 */
public final class RunComparator {

    /** Environment keys that make runs incomparable when they differ. */
    static final List<String> ENVIRONMENT_KEYS = List.of("cpu_model", "cpu_cores", "memory_total", "os", "jvm", "config_hash");
    static final int MIN_WINDOWS = 3;

    private RunComparator() {
    }

    public static Comparison compare(RunReport candidate, RunReport baseline, String baselineName, Thresholds thresholds) {
        Map<String, RunMetric> c = RunMetrics.of(candidate);
        Map<String, RunMetric> b = RunMetrics.of(baseline);
        List<MetricComparison> metrics = new ArrayList<>();
        for (String name : RunMetrics.names()) {
            metrics.add(compare(c.get(name), b.get(name), thresholds));
        }
        Verdict overall = metrics.stream().anyMatch(m -> m.verdict() == Verdict.REGRESSION) ? Verdict.REGRESSION
                : metrics.stream().anyMatch(m -> m.verdict() == Verdict.IMPROVEMENT) ? Verdict.IMPROVEMENT
                : Verdict.NO_SIGNIFICANT_CHANGE;
        return new Comparison(candidate.runId(), baseline.runId(), baselineName, thresholds, overall, metrics,
                differences(candidate, baseline, ENVIRONMENT_KEYS), differences(candidate, baseline, List.of("git_commit", "git_dirty")));
    }

    static MetricComparison compare(RunMetric candidate, RunMetric baseline, Thresholds thresholds) {
        double change = baseline.value() == 0 ? (candidate.value() == 0 ? 0 : Double.POSITIVE_INFINITY)
                : (candidate.value() - baseline.value()) / Math.abs(baseline.value()) * 100;
        int nb = baseline.windows().length;
        int nc = candidate.windows().length;
        String direction = candidate.direction() == Direction.HIGHER_IS_BETTER ? "higher is better" : "lower is better";
        if (nb < MIN_WINDOWS || nc < MIN_WINDOWS) {
            return new MetricComparison(candidate.name(), candidate.unit(), direction, baseline.value(), candidate.value(),
                    finite(change), nb, nc, null, null, null, Verdict.INSUFFICIENT_DATA,
                    String.format(Locale.ROOT, "needs at least %d measured windows on each side (%d vs %d)", MIN_WINDOWS, nb, nc));
        }
        MannWhitneyUTest.Result test = MannWhitneyUTest.withDefaults().test(candidate.windows(), baseline.windows());
        double u = test.getStatistic();
        double p = test.getPValue();
        double effect = 2 * u / ((double) nc * nb) - 1;

        double worse = candidate.direction() == Direction.HIGHER_IS_BETTER ? -change : change;
        double limit = thresholds.percentFor(candidate.family());
        boolean bigEnough = Math.abs(worse) > limit
                && (candidate.family() != RunMetric.Family.LATENCY
                    || Math.abs(candidate.value() - baseline.value()) >= thresholds.latencyFloorMs());
        // the windows must have moved the same way as the overall value
        boolean windowsWorse = candidate.direction() == Direction.HIGHER_IS_BETTER ? effect < 0 : effect > 0;
        boolean significant = p < thresholds.alpha();
        Verdict verdict;
        String reason;
        if (bigEnough && significant && worse > 0 && windowsWorse) {
            verdict = Verdict.REGRESSION;
            reason = String.format(Locale.ROOT, "%s by %.1f %% (threshold %.1f %%), p = %.2g < %.2g",
                    worse(candidate), Math.abs(change), limit, p, thresholds.alpha());
        } else if (bigEnough && significant && worse < 0 && !windowsWorse && effect != 0) {
            verdict = Verdict.IMPROVEMENT;
            reason = String.format(Locale.ROOT, "%s by %.1f %% (threshold %.1f %%), p = %.2g < %.2g",
                    better(candidate), Math.abs(change), limit, p, thresholds.alpha());
        } else {
            verdict = Verdict.NO_SIGNIFICANT_CHANGE;
            reason = !significant ? String.format(Locale.ROOT, "p = %.2g is not below %.2g", p, thresholds.alpha())
                    : !bigEnough ? String.format(Locale.ROOT, "change %.1f %% is within the %.1f %% threshold", change, limit)
                    : "the per-window samples moved the other way than the overall value";
        }
        return new MetricComparison(candidate.name(), candidate.unit(), direction, baseline.value(), candidate.value(),
                finite(change), nb, nc, u, p, effect, verdict, reason);
    }

    private static String worse(RunMetric m) {
        return m.direction() == Direction.HIGHER_IS_BETTER ? "fell" : "rose";
    }

    private static String better(RunMetric m) {
        return m.direction() == Direction.HIGHER_IS_BETTER ? "rose" : "fell";
    }

    private static double finite(double change) {
        return Double.isFinite(change) ? Math.round(change * 100) / 100.0 : 0;
    }

    private static List<String> differences(RunReport a, RunReport b, List<String> keys) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            String x = a.environment().get(key);
            String y = b.environment().get(key);
            if (!Objects.equals(x, y)) {
                out.add(key + ": " + y + " (baseline) vs " + x + " (this run)");
            }
        }
        return out;
    }
}
