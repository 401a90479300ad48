package lab.performance.observatory.core.verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import lab.performance.observatory.core.report.RunReport;

/**
 * Judges A/B runs (docs/measurement.md, "A/B"). Per metric it pools each side's measured windows
 * over the rounds and applies the same test and thresholds as a run against its baseline
 * ({@link RunComparator}); a difference counts only when every round's pair moved the same way, so
 * one noisy round cannot carry it. Pure.
 */
public final class AbComparator {

    private AbComparator() {
    }

    /** One finished run of an A/B: its round, variant, id and the metrics of its report. */
    public record Measured(int round, String variant, String runId, Map<String, RunMetric> metrics) {

        public static Measured of(int round, String variant, RunReport report) {
            return new Measured(round, variant, report.runId(), RunMetrics.of(report));
        }
    }

    /**
     * {@code runs} in the order they ran; every variant must have run once in each round. The first
     * variant is the candidate, each other one a reference.
     */
    public static AbComparison compare(String benchmark, List<String> variants, List<Measured> runs, Thresholds thresholds) {
        if (variants.size() < 2 || new LinkedHashSet<>(variants).size() != variants.size()) {
            throw new IllegalArgumentException("an A/B needs at least two different variants, not " + variants);
        }
        int rounds = runs.stream().mapToInt(Measured::round).max().orElse(0);
        if (rounds < 1) {
            throw new IllegalArgumentException("an A/B needs at least one round");
        }
        for (int round = 1; round <= rounds; round++) {
            int r = round;
            Set<String> ran = runs.stream().filter(m -> m.round() == r).map(Measured::variant).collect(Collectors.toSet());
            if (!ran.equals(Set.copyOf(variants)) || runs.stream().filter(m -> m.round() == r).count() != variants.size()) {
                throw new IllegalArgumentException("round " + round + " ran " + ran + ", not each of " + variants + " once");
            }
        }
        String candidate = variants.get(0);
        List<AbComparison.Pair> pairs = new ArrayList<>();
        for (String reference : variants.subList(1, variants.size())) {
            List<AbComparison.Metric> metrics = new ArrayList<>();
            for (String name : RunMetrics.names()) {
                metrics.add(metric(name, side(runs, candidate, rounds, name), side(runs, reference, rounds, name), thresholds));
            }
            Verdict overall = metrics.stream().anyMatch(m -> m.verdict() == Verdict.REGRESSION) ? Verdict.REGRESSION
                    : metrics.stream().anyMatch(m -> m.verdict() == Verdict.IMPROVEMENT) ? Verdict.IMPROVEMENT
                    : Verdict.NO_SIGNIFICANT_CHANGE;
            pairs.add(new AbComparison.Pair(candidate, reference, overall, metrics));
        }
        List<AbComparison.Run> order = runs.stream().map(m -> new AbComparison.Run(m.round(), m.variant(), m.runId())).toList();
        return new AbComparison(benchmark, variants, rounds, thresholds, order, pairs);
    }

    /** One variant's metric, round by round. */
    private static List<RunMetric> side(List<Measured> runs, String variant, int rounds, String name) {
        List<RunMetric> out = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            int r = round;
            out.add(runs.stream().filter(m -> m.round() == r && m.variant().equals(variant)).findFirst().orElseThrow().metrics().get(name));
        }
        return out;
    }

    static AbComparison.Metric metric(String name, List<RunMetric> candidate, List<RunMetric> reference, Thresholds thresholds) {
        double[] c = candidate.stream().mapToDouble(RunMetric::value).toArray();
        double[] r = reference.stream().mapToDouble(RunMetric::value).toArray();
        double cMean = Arrays.stream(c).average().orElse(0);
        double rMean = Arrays.stream(r).average().orElse(0);
        MetricComparison pooled = RunComparator.compare(pooled(candidate, cMean), pooled(reference, rMean), thresholds);
        double[] ratios = new double[c.length];
        boolean ratiosDefined = true;
        for (int i = 0; i < c.length; i++) {
            ratiosDefined &= r[i] != 0;
            ratios[i] = r[i] == 0 ? Double.NaN : c[i] / r[i];
        }
        Verdict verdict = pooled.verdict();
        String reason = pooled.reason();
        if (verdict == Verdict.REGRESSION || verdict == Verdict.IMPROVEMENT) {
            double sign = Math.signum(cMean - rMean);
            List<String> against = new ArrayList<>();
            for (int i = 0; i < c.length; i++) {
                if (Math.signum(c[i] - r[i]) != sign) {
                    against.add(String.format(Locale.ROOT, "round %d: %s vs %s", i + 1, num(c[i]), num(r[i])));
                }
            }
            if (!against.isEmpty()) {
                verdict = Verdict.NO_SIGNIFICANT_CHANGE;
                reason = "the rounds disagree (" + String.join("; ", against) + "), though pooled: " + reason;
            } else if (c.length == 1) {
                reason += "; one round, so nothing shows it repeats";
            }
        }
        RunMetric first = candidate.get(0);
        String direction = first.direction() == Direction.HIGHER_IS_BETTER ? "higher is better" : "lower is better";
        return new AbComparison.Metric(name, first.unit(), direction, c, r, cMean, rMean,
                rMean == 0 ? null : cMean / rMean,
                ratiosDefined ? Arrays.stream(ratios).min().orElseThrow() : null,
                ratiosDefined ? Arrays.stream(ratios).max().orElseThrow() : null,
                pooled.pValue(), verdict, reason);
    }

    /** The rounds of one side as one metric: their mean value and all their measured windows. */
    private static RunMetric pooled(List<RunMetric> rounds, double mean) {
        RunMetric first = rounds.get(0);
        double[] windows = rounds.stream().flatMapToDouble(m -> Arrays.stream(m.windows())).toArray();
        return new RunMetric(first.name(), first.unit(), first.direction(), first.family(), mean, windows);
    }

    private static String num(double v) {
        return ComparisonTable.fmt(v);
    }
}
