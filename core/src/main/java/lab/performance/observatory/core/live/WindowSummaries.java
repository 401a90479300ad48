package lab.performance.observatory.core.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.performance.observatory.core.stats.LatencyHistograms;
import org.HdrHistogram.Histogram;

/**
 * One topology instance's windows as its tasks flush them, merged across its tasks and stream
 * threads, and handed out once closed: a window is closed when the clock has passed its end by
 * {@code grace} (at least one flush interval, so every task has flushed what it counted in it).
 * A late delta for a window already handed out goes into the next summary of that window, never
 * lost: the merged feed adds up. Pure and thread-safe; the caller reads the clock.
 */
public final class WindowSummaries {

    private record Key(String runId, long windowStartMillis) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(windowStartMillis, o.windowStartMillis);
            return c != 0 ? c : runId.compareTo(o.runId);
        }
    }

    private static final class Open {
        long processed;
        long deadLettered;
        long bytes;
        final Histogram latency = LatencyHistograms.newHistogram();
    }

    private final String instance;
    private final long windowMillis;
    private final long graceMillis;
    private final TreeMap<Key, Open> open = new TreeMap<>();
    private final Map<String, Long> totals = new HashMap<>();

    public WindowSummaries(String instance, long windowMillis, long graceMillis) {
        this.instance = instance;
        this.windowMillis = windowMillis;
        this.graceMillis = graceMillis;
    }

    /** One task's delta for one window of one event type: its counts and latency histogram (microseconds), as flushed. */
    public synchronized void add(String runId, long windowStartMillis, long processed, long deadLettered, long bytes, Histogram latencyMicros) {
        Open w = open.computeIfAbsent(new Key(runId, windowStartMillis), k -> new Open());
        w.processed += processed;
        w.deadLettered += deadLettered;
        w.bytes += bytes;
        if (latencyMicros != null && latencyMicros.getTotalCount() > 0) {
            w.latency.add(latencyMicros);
        }
    }

    /**
     * The windows closed by {@code nowMillis}, oldest first, each with the lag the caller read for its run (null: unknown).
     */
    public synchronized List<WindowSummary> close(long nowMillis, java.util.function.Function<String, Long> lagOfRun) {
        List<WindowSummary> closed = new ArrayList<>();
        Iterator<Map.Entry<Key, Open>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Open> e = it.next();
            if (e.getKey().windowStartMillis() + windowMillis + graceMillis > nowMillis) {
                break; // sorted by window start: every later one is open too
            }
            Open w = e.getValue();
            long total = totals.merge(e.getKey().runId(), w.processed, Long::sum);
            closed.add(WindowSummary.of(e.getKey().runId(), instance, Instant.ofEpochMilli(e.getKey().windowStartMillis()).toString(), w.processed,
                    w.deadLettered, w.bytes, w.latency, lagOfRun.apply(e.getKey().runId()), total));
            it.remove();
        }
        return closed;
    }

    /** Windows counted and not yet handed out. */
    public synchronized int openWindows() {
        return open.size();
    }
}
