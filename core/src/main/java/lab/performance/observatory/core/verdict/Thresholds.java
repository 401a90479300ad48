package lab.performance.observatory.core.verdict;

/**
 * How large and how certain a change must be to count: a throughput drop of more than
 * {@code throughputDropPercent}, a latency rise of more than {@code latencyRisePercent} (and at least
 * {@code latencyFloorMs}, so 20 µs becoming 30 µs is not news), a resource rise of more than
 * {@code resourceRisePercent}; each only when the two-sample test gives p below {@code alpha}.
 */
public record Thresholds(double throughputDropPercent, double latencyRisePercent, double latencyFloorMs,
                         double resourceRisePercent, double alpha) {

    public static final Thresholds DEFAULT = new Thresholds(5, 10, 1.0, 10, 0.01);

    public Thresholds {
        require(throughputDropPercent >= 0, "throughput drop threshold must be >= 0");
        require(latencyRisePercent >= 0, "latency rise threshold must be >= 0");
        require(latencyFloorMs >= 0, "latency floor must be >= 0");
        require(resourceRisePercent >= 0, "resource rise threshold must be >= 0");
        require(alpha > 0 && alpha < 1, "alpha must be between 0 and 1");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    double percentFor(RunMetric.Family family) {
        return switch (family) {
            case THROUGHPUT -> throughputDropPercent;
            case LATENCY -> latencyRisePercent;
            case RESOURCE -> resourceRisePercent;
        };
    }
}
