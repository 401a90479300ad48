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
 * <p>A long run hands finished windows on as it goes ({@link #drainBefore}), so what it keeps does
 * not grow with its length: the generator stores them every few seconds (docs/reliability.md, "Soak").
 *
 * <p>Thread use: {@link #record} from one thread at a time; {@link #drainBefore} from any thread
 * meanwhile; {@link #snapshot} and {@link #seal} once the writer has stopped (after a join, or after
 * the producer's flush for acknowledgement callbacks).
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
            byte[] part = LatencyHistograms.compress(current);
            // atomic per window against drainBefore's remove: a part lands in the drained list or in a new one
            sealed.compute(currentWindow, (w, parts) -> {
                List<byte[]> out = parts == null ? new ArrayList<>(1) : parts;
                out.add(part);
                return out;
            });
        }
        current.reset();
    }

    /** Seals the window being written, so every value is in {@link #snapshot} or {@link #drainBefore}. Call once the writer has stopped. */
    public void seal() {
        sealCurrent();
        currentWindow = Long.MIN_VALUE;
    }

    /** Every window so far (that was not drained), by window start, each merged from its parts. Call once the writer has stopped. */
    public SortedMap<Instant, Histogram> snapshot() {
        seal();
        SortedMap<Instant, Histogram> out = new TreeMap<>();
        sealed.forEach((window, parts) -> out.put(start(window), merge(parts)));
        return out;
    }

    /**
     * Removes and returns the sealed windows that ended at or before {@code cutoffEpochNanos}, each
     * merged from its parts. A value that arrives for such a window later starts a new part, which a
     * later drain returns again: whoever stores drained windows adds them to what it stored before.
     */
    public SortedMap<Instant, Histogram> drainBefore(long cutoffEpochNanos) {
        SortedMap<Instant, Histogram> out = new TreeMap<>();
        for (Long window : List.copyOf(sealed.keySet())) {
            if ((window + 1) * windowNanos <= cutoffEpochNanos) {
                List<byte[]> parts = sealed.remove(window);
                if (parts != null) {
                    out.put(start(window), merge(parts));
                }
            }
        }
        return out;
    }

    private Instant start(long window) {
        long startNanos = window * windowNanos;
        return Instant.ofEpochSecond(Math.floorDiv(startNanos, 1_000_000_000L), Math.floorMod(startNanos, 1_000_000_000L));
    }

    private static Histogram merge(List<byte[]> parts) {
        Histogram merged = LatencyHistograms.newHistogram();
        parts.forEach(p -> merged.add(LatencyHistograms.decompress(p)));
        return merged;
    }
}
