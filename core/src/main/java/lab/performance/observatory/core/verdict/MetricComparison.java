package lab.performance.observatory.core.verdict;

/**
 * One metric of a run against the same metric of its baseline: values, change in percent, the
 * Mann-Whitney U test on the per-window samples (U for the candidate, two-sided p-value) with its
 * effect size as the rank-biserial correlation (−1: every candidate window below every baseline
 * window, +1: every one above), and the verdict with the reason for it.
 */
public record MetricComparison(String metric, String unit, String direction, double baseline, double candidate,
                               double changePercent, int baselineWindows, int candidateWindows, Double mannWhitneyU,
                               Double pValue, Double effectSize, Verdict verdict, String reason) {
}
