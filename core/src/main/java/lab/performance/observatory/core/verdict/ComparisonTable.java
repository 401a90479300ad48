package lab.performance.observatory.core.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.performance.observatory.core.report.SummaryTable;

/** A comparison for a terminal: one row per metric, then the verdict and any environment warning. */
public final class ComparisonTable {

    private ComparisonTable() {
    }

    public static String render(Comparison c) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run %s against baseline %s (%s)%n%n", c.candidateRunId(), c.baselineName(), c.baselineRunId()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"metric", "baseline", "this run", "change", "p-value", "effect", "verdict"});
        for (MetricComparison m : c.metrics()) {
            rows.add(new String[] {m.metric(), fmt(m.baseline()), fmt(m.candidate()),
                    String.format(Locale.ROOT, "%+.1f %%", m.changePercent()),
                    m.pValue() == null ? "-" : String.format(Locale.ROOT, "%.2g", m.pValue()),
                    m.effectSize() == null ? "-" : String.format(Locale.ROOT, "%+.2f", m.effectSize()),
                    m.verdict().wireName().replace('_', ' ')});
        }
        out.append(SummaryTable.table(rows, -1));
        for (MetricComparison m : c.metrics()) {
            if (m.verdict() == Verdict.REGRESSION || m.verdict() == Verdict.IMPROVEMENT) {
                out.append(String.format(Locale.ROOT, "  %s %s: %s%n", m.verdict().wireName(), m.metric(), m.reason()));
            }
        }
        if (!c.environmentDifferences().isEmpty()) {
            out.append("\nWARNING: the runs' environments differ, so this comparison is weak:\n");
            c.environmentDifferences().forEach(d -> out.append("  - ").append(d).append('\n'));
        }
        c.commitDifferences().forEach(d -> out.append("  (").append(d).append(")\n"));
        out.append(String.format(Locale.ROOT, "%nVerdict: %s (thresholds: throughput -%.1f %%, latency +%.1f %% and >= %.2f ms, resources +%.1f %%; alpha %.3g)%n",
                c.verdict().wireName().replace('_', ' ').toUpperCase(Locale.ROOT), c.thresholds().throughputDropPercent(),
                c.thresholds().latencyRisePercent(), c.thresholds().latencyFloorMs(), c.thresholds().resourceRisePercent(), c.thresholds().alpha()));
        return out.toString();
    }

    static String fmt(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
