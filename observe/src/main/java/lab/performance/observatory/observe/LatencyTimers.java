package lab.performance.observatory.observe;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Latency as Prometheus histograms with one set of buckets everywhere (0.1 ms to 10 s, roughly
 * 1-2.5-5 per decade), so {@code histogram_quantile} and heatmaps read every component alike.
 * Fixed buckets, not Micrometer's percentile histogram: 17 series per timer instead of ~70, and
 * an exact bucket boundary at each target a spec is likely to set.
 */
public final class LatencyTimers {

    static final Duration[] BUCKETS = {
            Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
            Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private LatencyTimers() {
    }

    /** A timer builder whose Prometheus exposition is a {@code _seconds} histogram over the shared buckets. */
    public static Timer.Builder histogram(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS)
                .minimumExpectedValue(BUCKETS[0]).maximumExpectedValue(BUCKETS[BUCKETS.length - 1]);
    }
}
