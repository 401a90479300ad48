package lab.performance.observatory.core.verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import lab.performance.observatory.core.report.SummaryTable;

/** An A/B for a terminal: per reference, one row per metric with both sides' rounds, the ratio and the verdict. */
public final class AbTable {

    private AbTable() {
    }

    public static String render(AbComparison ab) {
        StringBuilder out = new StringBuilder();
        String order = ab.runs().stream().map(r -> r.variant()).collect(Collectors.joining(" "));
        out.append(String.format(Locale.ROOT, "A/B of %s: %d round(s) on one stack, in this order: %s%n", ab.benchmark(), ab.rounds(), order));
        for (AbComparison.Pair pair : ab.pairs()) {
            out.append(String.format(Locale.ROOT, "%n%s against %s (values: mean of the rounds, then each round; ratio: %s ÷ %s, lowest-highest round)%n%n",
                    pair.candidate(), pair.reference(), pair.candidate(), pair.reference()));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"metric", pair.candidate(), pair.reference(), "ratio", "p-value", "verdict"});
            for (AbComparison.Metric m : pair.metrics()) {
                rows.add(new String[] {m.metric() + " (" + m.unit() + ")", side(m.candidateMean(), m.candidate()), side(m.referenceMean(), m.reference()),
                        ratio(m), m.pValue() == null ? "-" : String.format(Locale.ROOT, "%.2g", m.pValue()), verdict(m.verdict(), pair.candidate())});
            }
            out.append(SummaryTable.table(rows, -1));
            for (AbComparison.Metric m : pair.metrics()) {
                if (m.verdict() == Verdict.REGRESSION || m.verdict() == Verdict.IMPROVEMENT || m.reason().startsWith("the rounds disagree")) {
                    out.append(String.format(Locale.ROOT, "  %s: %s%n", m.metric(), m.reason()));
                }
            }
            out.append(String.format(Locale.ROOT, "%nVerdict: %s%n", verdict(pair.verdict(), pair.candidate()).toUpperCase(Locale.ROOT)));
        }
        Thresholds t = ab.thresholds();
        out.append(String.format(Locale.ROOT, "(thresholds: throughput %.1f %%, latency %.1f %% and >= %.2f ms, resources %.1f %%; alpha %.3g; "
                + "measured windows pooled over the rounds, and every round must agree)%n", t.throughputDropPercent(), t.latencyRisePercent(),
                t.latencyFloorMs(), t.resourceRisePercent(), t.alpha()));
        return out.toString();
    }

    static String verdict(Verdict v, String candidate) {
        return switch (v) {
            case REGRESSION -> candidate + " worse";
            case IMPROVEMENT -> candidate + " better";
            case NO_SIGNIFICANT_CHANGE -> "no significant difference";
            case INSUFFICIENT_DATA -> "too few windows";
        };
    }

    private static String side(double mean, double[] rounds) {
        String each = Arrays.stream(rounds).mapToObj(ComparisonTable::fmt).collect(Collectors.joining(", "));
        return rounds.length == 1 ? ComparisonTable.fmt(mean) : ComparisonTable.fmt(mean) + " (" + each + ")";
    }

    private static String ratio(AbComparison.Metric m) {
        if (m.ratio() == null) {
            return "-";
        }
        String r = String.format(Locale.ROOT, "%.3f", m.ratio());
        return m.ratioLow() == null || m.candidate().length == 1 ? r
                : r + String.format(Locale.ROOT, " (%.3f-%.3f)", m.ratioLow(), m.ratioHigh());
    }
}
