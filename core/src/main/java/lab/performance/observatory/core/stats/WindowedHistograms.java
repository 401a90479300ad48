package lab.performance.observatory.core.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms (microseconds) per fixed window of wall-clock time, safe to record into from
 * several threads at once. Each value lands in exactly one window, so merging any set of windows
 * gives the same percentiles as one histogram of those values.
 */
public final class WindowedHistograms {

    private final long windowNanos;
    private final ConcurrentHashMap<Long, Histogram> windows = new ConcurrentHashMap<>();

    public WindowedHistograms(Duration window) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.windowNanos = window.toNanos();
    }

    /** Records {@code valueNanos} (negative counts as 0) in the window holding {@code atEpochNanos}. */
    public void record(long atEpochNanos, long valueNanos) {
        long window = Math.floorDiv(atEpochNanos, windowNanos);
        Histogram h = windows.get(window);
        if (h == null) {
            h = windows.computeIfAbsent(window, w -> {
                Histogram created = new ConcurrentHistogram(LatencyHistograms.SIGNIFICANT_DIGITS);
                created.setAutoResize(true);
                return created;
            });
        }
        h.recordValue(Math.max(0, valueNanos / 1000));
    }

    /** A copy of every window so far, by window start. */
    public SortedMap<Instant, Histogram> snapshot() {
        SortedMap<Instant, Histogram> out = new TreeMap<>();
        windows.forEach((window, h) -> {
            Histogram copy = LatencyHistograms.newHistogram();
            copy.add(h);
            long startNanos = window * windowNanos;
            out.put(Instant.ofEpochSecond(Math.floorDiv(startNanos, 1_000_000_000L), Math.floorMod(startNanos, 1_000_000_000L)), copy);
        });
        return out;
    }
}
