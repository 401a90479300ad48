package lab.performance.observatory.topology;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.store.SinkFencedException;
import lab.performance.observatory.store.TopicPartitionRef;
import lab.performance.observatory.store.WindowDelta;
import lab.performance.observatory.store.WindowSink;
import org.HdrHistogram.Histogram;

/**
 * One stream task's windows since its last flush, and how far each of its input partitions is
 * written. Records below a partition's written offset were counted before a restart and are
 * skipped (and counted as skipped replays); a flush writes the deltas, moves the offsets and adds the
 * skipped replays in one transaction.
 */
final class TaskWindows {

    /** Progress of one input partition. */
    static final class Input {
        final TopicPartitionRef ref;
        final DataType declaredType;
        long writtenUpTo; // next offset not yet in PostgreSQL, or WindowSink.NO_PROGRESS
        long pendingLast = -1; // last offset counted since the last flush
        /** Replayed records skipped since the last flush, per run (mostly one). */
        final Map<String, long[]> replayed = new HashMap<>(2);
        /** The window each event type of this input last went to: consecutive records mostly share it. */
        final Window[] current = new Window[DataType.values().length];

        Input(TopicPartitionRef ref, DataType declaredType, long writtenUpTo) {
            this.ref = ref;
            this.declaredType = declaredType;
            this.writtenUpTo = writtenUpTo;
        }

        boolean alreadyWritten(long offset) {
            return writtenUpTo != WindowSink.NO_PROGRESS && offset < writtenUpTo;
        }
    }

    /** What one flush wrote, for metrics. */
    record Flushed(long events, long deadLettered, int rows, Map<DataType, TypeTotals> byType, List<WindowDelta> deltas, long replaysSkipped) {
        static final Flushed NOTHING = new Flushed(0, 0, 0, Map.of(), List.of(), 0);
    }

    /** One event type's share of a flush: events, dead letters, record bytes, and payload bytes decoded and copied. */
    static final class TypeTotals {
        long events;
        long deadLettered;
        long bytes;
        long payloadBytes;
        long copiedBytes;
    }

    private static final class Window {
        final Input input;
        final String runId;
        final DataType type;
        final long windowStartMillis;
        final long firstOffset;
        long lastOffset;
        long events;
        long bytes;
        long deadLettered;
        double measureSum;
        long payloadBytes;
        long copiedBytes;
        long fallbacks;
        final Histogram latency;

        Window(Input input, String runId, DataType type, long windowStartMillis, long firstOffset, Histogram latency) {
            this.input = input;
            this.runId = runId;
            this.type = type;
            this.windowStartMillis = windowStartMillis;
            this.firstOffset = firstOffset;
            this.latency = latency;
        }

        boolean is(Input in, String run, DataType t, long start) {
            return input == in && type == t && windowStartMillis == start && runId.equals(run);
        }
    }

    private record Key(TopicPartitionRef input, String runId, DataType type, long windowStartMillis) {
    }

    private final WindowSink sink;
    private final long windowMillis;
    private final Map<TopicPartitionRef, Input> inputs = new HashMap<>();
    private final Map<Key, Window> windows = new HashMap<>();
    private final ArrayDeque<Histogram> spareHistograms = new ArrayDeque<>();

    TaskWindows(WindowSink sink, long windowMillis, Map<TopicPartitionRef, DataType> declared) throws SQLException {
        this.sink = sink;
        this.windowMillis = windowMillis;
        Map<TopicPartitionRef, Long> written = sink.progress(declared.keySet());
        declared.forEach((ref, type) -> inputs.put(ref, new Input(ref, type, written.getOrDefault(ref, WindowSink.NO_PROGRESS))));
    }

    Input input(String topic, int partition) {
        Input in = inputs.get(new TopicPartitionRef(topic, partition));
        return Objects.requireNonNull(in, () -> "input " + topic + "-" + partition + " is not one of this task's partitions");
    }

    Collection<Input> inputs() {
        return inputs.values();
    }

    void recordEvent(Input in, long offset, String runId, DataType type, long nowMillis, int bytes, long latencyMicros, double measure,
                     int payloadBytes, int copiedBytes, boolean fallback) {
        Window w = window(in, offset, runId, type, nowMillis);
        w.events++;
        w.bytes += bytes;
        w.measureSum += measure;
        w.payloadBytes += payloadBytes;
        w.copiedBytes += copiedBytes;
        if (fallback) {
            w.fallbacks++;
        }
        if (latencyMicros != NO_LATENCY) {
            w.latency.recordValue(latencyMicros);
        }
    }

    /** What {@link #recordEvent} gets when latency is not being recorded. */
    static final long NO_LATENCY = -1;

    /** A record below the input's written offset: counted before a restart, skipped now, and itself counted as a skipped replay. */
    void recordReplay(Input in, String runId) {
        in.replayed.computeIfAbsent(runId, r -> new long[1])[0]++;
    }

    void recordDeadLetter(Input in, long offset, String runId, long nowMillis) {
        window(in, offset, runId, in.declaredType, nowMillis).deadLettered++;
    }

    private Window window(Input in, long offset, String runId, DataType type, long nowMillis) {
        long start = Math.floorDiv(nowMillis, windowMillis) * windowMillis;
        Window w = in.current[type.ordinal()];
        if (w == null || !w.is(in, runId, type, start)) {
            w = windows.computeIfAbsent(new Key(in.ref, runId, type, start),
                    k -> new Window(in, runId, type, start, offset, histogram()));
            in.current[type.ordinal()] = w;
        }
        w.lastOffset = offset;
        in.pendingLast = offset;
        return w;
    }

    private Histogram histogram() {
        Histogram h = spareHistograms.poll();
        return h != null ? h : LatencyHistograms.newHistogram();
    }

    /**
     * A write that failed with PostgreSQL unreachable: it may or may not have committed before the
     * failure reached this process. Kept as it was, and settled before anything newer is written.
     */
    private record Batch(List<WindowDelta> rows, List<WindowSink.Advance> advances, List<WindowSink.Replayed> replayed, Flushed flushed) {
    }

    private Batch inDoubt;

    /**
     * Writes everything since the last flush; nothing to write is not an error. When PostgreSQL cannot
     * be reached the batch is kept and the {@link SQLException} thrown: the next flush first settles
     * it (by the stored progress: it landed, or it is written again), and records arriving meanwhile
     * wait for the flush after (docs/reliability.md, "postgres-restart").
     */
    Flushed flush() throws SQLException, SinkFencedException {
        if (inDoubt != null) {
            Batch b = inDoubt;
            if (!landed(b)) {
                sink.write(b.rows(), b.advances(), b.replayed());
            }
            inDoubt = null;
            settled(b);
            return b.flushed();
        }
        Batch b = nextBatch();
        if (b == null) {
            return Flushed.NOTHING;
        }
        try {
            sink.write(b.rows(), b.advances(), b.replayed());
        } catch (SQLException e) {
            inDoubt = b;
            throw e;
        }
        settled(b);
        return b.flushed();
    }

    /** Whether the batch's write committed before its failure: every offset it moved is stored as it moved it. */
    private boolean landed(Batch b) throws SQLException, SinkFencedException {
        List<TopicPartitionRef> refs = b.advances().stream().map(WindowSink.Advance::input).toList();
        Map<TopicPartitionRef, Long> stored = sink.progress(refs);
        boolean allMoved = true;
        boolean noneMoved = true;
        for (WindowSink.Advance a : b.advances()) {
            long now = stored.getOrDefault(a.input(), WindowSink.NO_PROGRESS);
            allMoved &= now == a.newNextOffset();
            noneMoved &= now == a.expectedNextOffset();
            if (now != a.newNextOffset() && now != a.expectedNextOffset()) {
                throw new SinkFencedException("progress of " + a.input().topic() + "-" + a.input().partition() + " is " + now
                        + ", neither " + a.expectedNextOffset() + " nor " + a.newNextOffset() + ": another writer owns this partition");
            }
        }
        // a batch that only counted replays moves no offset: it cannot be told landed, and is written (again)
        return allMoved && !noneMoved;
    }

    /** Everything since the last batch as a batch of its own, the windows emptied; null when there is nothing. */
    private Batch nextBatch() {
        List<WindowSink.Advance> advances = new ArrayList<>();
        List<WindowSink.Replayed> replayed = new ArrayList<>();
        long replaysSkipped = 0;
        for (Input in : inputs.values()) {
            if (in.pendingLast >= 0) {
                advances.add(new WindowSink.Advance(in.ref, in.writtenUpTo, in.pendingLast + 1));
            } else if (!in.replayed.isEmpty()) {
                advances.add(new WindowSink.Advance(in.ref, in.writtenUpTo, in.writtenUpTo)); // still ours: fenced otherwise
            }
            for (Map.Entry<String, long[]> r : in.replayed.entrySet()) {
                replayed.add(new WindowSink.Replayed(r.getKey(), in.ref, r.getValue()[0]));
                replaysSkipped += r.getValue()[0];
            }
        }
        if (advances.isEmpty()) {
            return null;
        }
        List<WindowDelta> rows = new ArrayList<>(windows.size());
        Map<DataType, TypeTotals> byType = new HashMap<>();
        long events = 0;
        long deadLettered = 0;
        for (Window w : windows.values()) {
            rows.add(new WindowDelta(w.runId, w.type, Instant.ofEpochMilli(w.windowStartMillis), w.input.ref, w.firstOffset,
                    w.lastOffset, w.events, w.bytes, w.deadLettered, w.measureSum, w.payloadBytes, w.copiedBytes, w.fallbacks, w.latency.getMaxValue(),
                    LatencyHistograms.compress(w.latency)));
            TypeTotals totals = byType.computeIfAbsent(w.type, t -> new TypeTotals());
            totals.events += w.events;
            totals.deadLettered += w.deadLettered;
            totals.bytes += w.bytes;
            totals.payloadBytes += w.payloadBytes;
            totals.copiedBytes += w.copiedBytes;
            events += w.events;
            deadLettered += w.deadLettered;
            w.latency.reset();
            spareHistograms.push(w.latency);
        }
        windows.clear();
        for (Input in : inputs.values()) {
            in.replayed.clear();
            in.pendingLast = -1;
            java.util.Arrays.fill(in.current, null);
        }
        return new Batch(rows, advances, replayed, new Flushed(events, deadLettered, rows.size(), byType, rows, replaysSkipped));
    }

    /** The batch is in PostgreSQL: its inputs are written up to where it moved them. */
    private void settled(Batch b) {
        for (WindowSink.Advance a : b.advances()) {
            inputs.get(a.input()).writtenUpTo = a.newNextOffset();
        }
    }
}
