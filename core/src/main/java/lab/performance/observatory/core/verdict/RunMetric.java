package lab.performance.observatory.core.verdict;

/**
 * One comparable metric of a run: its value over the measured interval and the same metric per
 * measured window (the samples a two-sample test runs on).
 */
public record RunMetric(String name, String unit, Direction direction, Family family, double value, double[] windows) {

    /** Metrics of a family share a threshold. */
    public enum Family {
        THROUGHPUT,
        LATENCY,
        RESOURCE
    }
}
