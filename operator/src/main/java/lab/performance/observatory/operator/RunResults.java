package lab.performance.observatory.operator;

import java.util.Locale;
import java.util.Optional;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.MetricComparison;
import lab.performance.observatory.core.verdict.RunMetrics;
import lab.performance.observatory.store.Baseline;
import lab.performance.observatory.store.RunStore;

/** A run's report and verdict as the benchmark's status summarises them. Pure. */
final class RunResults {

    static final String NO_BASELINE = "no_baseline";

    private RunResults() {
    }

    static PipelineBenchmarkStatus.Results of(RunReport report, Optional<Baseline> baseline, Optional<Comparison> comparison) {
        PipelineBenchmarkStatus.Results r = new PipelineBenchmarkStatus.Results();
        r.runId = report.runId();
        r.achievedEventsPerSecond = round(report.throughput().sustainedEps(), 1);
        r.p99Ms = report.latencyMs().endToEnd().count() == 0 ? null : round(report.latencyMs().endToEnd().p99(), 3);
        r.generated = report.events().generated();
        r.processed = report.events().processed();
        r.lost = report.events().lost();
        r.targetsMet = report.targets().met();
        r.targetFailures = report.targets().failures().isEmpty() ? null : report.targets().failures();
        r.verdict = comparison.map(c -> c.verdict().wireName()).orElse(NO_BASELINE);
        r.baseline = baseline.map(b -> b.name().equals(b.runId()) ? b.runId() : b.name() + " (run " + b.runId() + ")").orElse(null);
        comparison.flatMap(c -> metric(c, RunMetrics.THROUGHPUT)).ifPresent(m -> r.baselineEventsPerSecond = round(m.baseline(), 1));
        comparison.flatMap(c -> metric(c, "end_to_end_p99_ms")).ifPresent(m -> r.baselineP99Ms = round(m.baseline(), 3));
        r.regressedMetrics = comparison.map(c -> c.regressions().stream().map(MetricComparison::metric).toList())
                .filter(l -> !l.isEmpty()).orElse(null);
        r.regressions = comparison.map(c -> c.regressions().stream().map(m -> m.metric() + ": " + m.reason()).toList())
                .filter(l -> !l.isEmpty()).orElse(null);
        r.report = "PostgreSQL runs.report of run " + report.runId() + "; render it with: observatory report " + report.runId()
                + " --html report.html";
        return r;
    }

    private static Optional<MetricComparison> metric(Comparison comparison, String name) {
        return comparison.metrics().stream().filter(m -> m.metric().equals(name)).findFirst();
    }

    /** One line for the Ready condition. */
    static String summary(PipelineBenchmarkStatus.Results r) {
        return String.format(Locale.ROOT, "run %s: %,.0f events/s, p99 %s, %,d lost, targets %s, verdict %s", r.runId,
                r.achievedEventsPerSecond, r.p99Ms == null ? "not measured" : String.format(Locale.ROOT, "%.1f ms", r.p99Ms), r.lost,
                r.targetsMet ? "met" : "missed", r.verdict);
    }

    private static double round(double value, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(value * f) / f;
    }
}
