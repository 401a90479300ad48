package lab.performance.observatory.core.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms (microseconds) per fixed window of wall-clock time, written by one thread.
 * Only the window being written is a live histogram; when the writer moves to another window the
 * finished one is sealed into its compressed form, so a long run costs a few kilobytes per window
 * instead of a full histogram each. A value arriving late for a sealed window (an acknowledgement
 * after the next window began) starts another part of that window; parts merge exactly. Each value
 * lands in exactly one window, so merging any set of windows gives the same percentiles as one
 * histogram of those values.
 *
 * <p>Thread use: {@link #record} from one thread at a time; {@link #snapshot} once that thread has
 * stopped (after a join, or after the producer's flush for acknowledgement callbacks).
 */
public final class WindowedHistograms {

    private final long windowNanos;
    private final Map<Long, List<byte[]>> sealed = new ConcurrentHashMap<>();
    private final Histogram current = LatencyHistograms.newHistogram();
    private long currentWindow = Long.MIN_VALUE;

    public WindowedHistograms(Duration window) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.windowNanos = window.toNanos();
    }

    /** Records {@code valueNanos} (negative counts as 0) in the window holding {@code atEpochNanos}. */
    public void record(long atEpochNanos, long valueNanos) {
        long window = Math.floorDiv(atEpochNanos, windowNanos);
        if (window != currentWindow) {
            sealCurrent();
            currentWindow = window;
        }
        current.recordValue(Math.max(0, valueNanos / 1000));
    }

    private void sealCurrent() {
        if (currentWindow != Long.MIN_VALUE && current.getTotalCount() > 0) {
            sealed.computeIfAbsent(currentWindow, w -> new ArrayList<>(1)).add(LatencyHistograms.compress(current));
        }
        current.reset();
    }

    /** Every window so far, by window start, each merged from its parts. Call once the writer has stopped. */
    public SortedMap<Instant, Histogram> snapshot() {
        sealCurrent();
        currentWindow = Long.MIN_VALUE;
        SortedMap<Instant, Histogram> out = new TreeMap<>();
        sealed.forEach((window, parts) -> {
            Histogram merged = LatencyHistograms.newHistogram();
            parts.forEach(p -> merged.add(LatencyHistograms.decompress(p)));
            long startNanos = window * windowNanos;
            out.put(Instant.ofEpochSecond(Math.floorDiv(startNanos, 1_000_000_000L), Math.floorMod(startNanos, 1_000_000_000L)), merged);
        });
        return out;
    }
}
