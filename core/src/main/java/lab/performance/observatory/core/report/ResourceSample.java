package lab.performance.observatory.core.report;

import java.time.Instant;

/**
 * One reading of a component's processes: cumulative CPU seconds, resident memory now, the
 * high-water mark of resident memory so far, and the number of threads now.
 */
public record ResourceSample(String component, Instant at, double cpuSeconds, long rssBytes, long peakRssBytes, int threads) {
}
