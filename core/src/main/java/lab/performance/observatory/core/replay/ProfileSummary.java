package lab.performance.observatory.core.replay;

import java.util.Locale;
import lab.performance.observatory.core.spec.PatternSpec;

/**
 * A recording at a glance: events, seconds, mean and busiest-second rate (events/s), value sizes
 * (bytes: min, mean, p50, p90, p99, max) and distinct keys.
 */
public record ProfileSummary(long events, double seconds, double meanRate, double peakRate, int minBytes, int maxBytes, double meanBytes,
                             int p50Bytes, int p90Bytes, int p99Bytes, int distinctKeys) {

    /** The facts a replay source's spec carries, with the file's digest. */
    public PatternSpec.Recorded recorded(String sha256) {
        return new PatternSpec.Recorded(events, seconds, meanRate, peakRate, minBytes, maxBytes, meanBytes, distinctKeys, sha256);
    }

    /** Two lines for a terminal. */
    public String text() {
        return String.format(Locale.ROOT, "%,d events in %.1f s: mean %,.0f events/s, peak %,d events/s (busiest second), %,d distinct keys%n"
                        + "value bytes: min %,d  mean %,.0f  p50 %,d  p90 %,d  p99 %,d  max %,d",
                events, seconds, meanRate, (long) peakRate, distinctKeys, minBytes, meanBytes, p50Bytes, p90Bytes, p99Bytes, maxBytes);
    }
}
