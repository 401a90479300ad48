package lab.performance.observatory.core.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A recorded load profile in memory (docs/load-profiles.md): for every event, in arrival order, its
 * offset from the start of the recording, its value size, its key (numbered by first appearance; -1:
 * no key), the stream (topic) it arrived on and its kind where it could be told (-1: unknown).
 * Nothing of any payload. {@code resolutionNanos} is the tick of the clock the offsets were read
 * from (Kafka record timestamps: one millisecond).
 */
public final class LoadProfile {

    /** The profile format this code reads and writes. */
    public static final int VERSION = 1;

    private final long durationNanos;
    private final long resolutionNanos;
    private final List<String> streams;
    private final List<String> kinds;
    private final String recordedFrom;
    private final long recordedAtEpochMillis;
    private final long[] offsets;
    private final int[] sizes;
    private final int[] keys;
    private final int[] streamOf;
    private final int[] kindOf;

    public LoadProfile(long durationNanos, long resolutionNanos, List<String> streams, List<String> kinds, String recordedFrom,
                       long recordedAtEpochMillis, long[] offsets, int[] sizes, int[] keys, int[] streamOf, int[] kindOf) {
        int n = offsets.length;
        if (sizes.length != n || keys.length != n || streamOf.length != n || kindOf.length != n) {
            throw new IllegalArgumentException("every event needs an offset, size, key, stream and kind");
        }
        if (resolutionNanos < 1) {
            throw new IllegalArgumentException("resolution must be at least 1 ns, not " + resolutionNanos);
        }
        for (int i = 0; i < n; i++) {
            if (offsets[i] < 0 || (i > 0 && offsets[i] < offsets[i - 1])) {
                throw new IllegalArgumentException("event " + i + ": offsets must be non-negative and in arrival order");
            }
            if (sizes[i] < 0 || keys[i] < -1 || streamOf[i] < 0 || streamOf[i] >= streams.size() || kindOf[i] < -1 || kindOf[i] >= kinds.size()) {
                throw new IllegalArgumentException("event " + i + ": size, key, stream or kind out of range");
            }
        }
        if (n > 0 && offsets[n - 1] >= durationNanos) {
            throw new IllegalArgumentException("event " + (n - 1) + " lies past the recording's end");
        }
        this.durationNanos = durationNanos;
        this.resolutionNanos = resolutionNanos;
        this.streams = List.copyOf(streams);
        this.kinds = List.copyOf(kinds);
        this.recordedFrom = Objects.requireNonNull(recordedFrom);
        this.recordedAtEpochMillis = recordedAtEpochMillis;
        this.offsets = offsets;
        this.sizes = sizes;
        this.keys = keys;
        this.streamOf = streamOf;
        this.kindOf = kindOf;
    }

    public int events() {
        return offsets.length;
    }

    public long durationNanos() {
        return durationNanos;
    }

    public long resolutionNanos() {
        return resolutionNanos;
    }

    public List<String> streams() {
        return streams;
    }

    public List<String> kinds() {
        return kinds;
    }

    public String recordedFrom() {
        return recordedFrom;
    }

    public long recordedAtEpochMillis() {
        return recordedAtEpochMillis;
    }

    public long offsetNanos(int i) {
        return offsets[i];
    }

    public int valueBytes(int i) {
        return sizes[i];
    }

    public int key(int i) {
        return keys[i];
    }

    public int stream(int i) {
        return streamOf[i];
    }

    public int kind(int i) {
        return kindOf[i];
    }

    /** Events per stream, in the order of {@link #streams()}. */
    public long[] eventsPerStream() {
        long[] counts = new long[streams.size()];
        for (int s : streamOf) {
            counts[s]++;
        }
        return counts;
    }

    /**
     * What a replay of one stream (null: all, merged) plays: offsets with the events that share a
     * clock tick spread evenly over it (a recording cannot tell their order within the tick, and
     * sending them at one instant would be a burst the source never made), sizes, and keys
     * renumbered by first appearance in that stream.
     *
     * @throws IllegalArgumentException if the profile has no such stream
     */
    public ReplayTrace trace(String stream) {
        int wanted = -1;
        if (stream != null) {
            wanted = streams.indexOf(stream);
            if (wanted < 0) {
                throw new IllegalArgumentException("no stream '" + stream + "' in the profile (it has " + String.join(", ", streams) + ")");
            }
        }
        int n = 0;
        for (int s : streamOf) {
            if (wanted < 0 || s == wanted) {
                n++;
            }
        }
        long[] out = new long[n];
        int[] outSizes = new int[n];
        int[] outKeys = new int[n];
        Map<Integer, Integer> renumbered = new HashMap<>();
        int j = 0;
        for (int i = 0; i < offsets.length; i++) {
            if (wanted >= 0 && streamOf[i] != wanted) {
                continue;
            }
            out[j] = offsets[i];
            outSizes[j] = sizes[i];
            outKeys[j] = keys[i] < 0 ? -1 : renumbered.computeIfAbsent(keys[i], k -> renumbered.size());
            j++;
        }
        spreadWithinTicks(out, resolutionNanos, durationNanos);
        return new ReplayTrace(out, outSizes, outKeys, durationNanos, renumbered.size());
    }

    /** Spreads each run of equal offsets evenly over [offset, offset + tick), never past {@code end}. */
    static void spreadWithinTicks(long[] offsets, long tick, long end) {
        if (tick <= 1) {
            return;
        }
        int i = 0;
        while (i < offsets.length) {
            int k = i;
            while (k + 1 < offsets.length && offsets[k + 1] == offsets[i]) {
                k++;
            }
            int run = k - i + 1;
            long span = Math.min(tick, end - offsets[i]);
            for (int m = 1; m < run; m++) {
                offsets[i + m] = offsets[i] + span * m / run;
            }
            i = k + 1;
        }
    }

    /** Streams in order of first appearance, for builders. */
    static List<String> names(Map<String, Integer> indexes) {
        List<String> out = new ArrayList<>(indexes.keySet());
        out.sort((a, b) -> Integer.compare(indexes.get(a), indexes.get(b)));
        return out;
    }
}
