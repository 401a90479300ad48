package lab.performance.observatory.core.verdict;

import java.util.List;

/**
 * A run judged against its baseline: per-metric comparisons, the overall verdict (regression if any
 * metric regressed, else improvement if any improved), and where the two runs' environments differ
 * (a comparison across machines, JVMs or configurations is flagged, not refused).
 */
public record Comparison(String candidateRunId, String baselineRunId, String baselineName, Thresholds thresholds,
                         Verdict verdict, List<MetricComparison> metrics, List<String> environmentDifferences,
                         List<String> commitDifferences) {

    public Comparison {
        metrics = List.copyOf(metrics);
        environmentDifferences = List.copyOf(environmentDifferences);
        commitDifferences = List.copyOf(commitDifferences);
    }

    public boolean comparableEnvironments() {
        return environmentDifferences.isEmpty();
    }

    public List<MetricComparison> regressions() {
        return metrics.stream().filter(m -> m.verdict() == Verdict.REGRESSION).toList();
    }
}
