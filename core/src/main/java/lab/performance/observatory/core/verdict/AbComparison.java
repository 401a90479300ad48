package lab.performance.observatory.core.verdict;

import java.util.List;

/**
 * Variants of one spec (decode strategies) run alternately on one stack, round after round (A B A B),
 * and the first variant judged against each other one (docs/measurement.md, "A/B"): {@code runs} in
 * the order they ran, {@code pairs} one per reference variant.
 */
public record AbComparison(String benchmark, List<String> variants, int rounds, Thresholds thresholds, List<Run> runs,
                           List<Pair> pairs) {

    public AbComparison {
        variants = List.copyOf(variants);
        runs = List.copyOf(runs);
        pairs = List.copyOf(pairs);
    }

    /** One run of the A/B: its round (from 1), variant and run id. */
    public record Run(int round, String variant, String runId) {
    }

    /**
     * The candidate (the first variant) against one reference: the overall verdict (worse if any
     * metric is worse, else better if any is better) and one line per metric.
     */
    public record Pair(String candidate, String reference, Verdict verdict, List<Metric> metrics) {

        public Pair {
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * One metric of the pair: each side's value per round and their mean, the candidate ÷ reference
     * ratio of the means and the lowest and highest ratio of one round's pair, the two-sample test on
     * both sides' measured windows pooled over the rounds ({@code pooled}), and the verdict: the
     * pooled test's, unless the rounds disagree on the direction of the change ({@code reason} says so).
     */
    public record Metric(String metric, String unit, String direction, double[] candidate, double[] reference,
                         double candidateMean, double referenceMean, Double ratio, Double ratioLow, Double ratioHigh,
                         Double pValue, Verdict verdict, String reason) {
    }
}
