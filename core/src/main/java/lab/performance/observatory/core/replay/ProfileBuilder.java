package lab.performance.observatory.core.replay;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects observed events (arrival instant, value size, a hash of the key, stream and kind) and
 * makes a {@link LoadProfile} of them: sorted by arrival, offsets from the start of the recording,
 * keys numbered by first appearance. The hashes only tell keys apart; the profile keeps neither
 * keys nor hashes. Not thread-safe.
 */
public final class ProfileBuilder {

    /** What {@link #add} takes for a record without a key. */
    public static final long NO_KEY = Long.MIN_VALUE;

    private final Map<String, Integer> streams = new LinkedHashMap<>();
    private final Map<String, Integer> kinds = new LinkedHashMap<>();
    private long[] instants = new long[1024];
    private int[] sizes = new int[1024];
    private long[] keyHashes = new long[1024];
    private int[] streamOf = new int[1024];
    private int[] kindOf = new int[1024];
    private int n;

    /** Registers a stream before any event arrives on it, so an idle stream is still in the profile. */
    public ProfileBuilder stream(String name) {
        streams.computeIfAbsent(name, k -> streams.size());
        return this;
    }

    /**
     * @param epochNanos when the event arrived (its record timestamp)
     * @param keyHash    a 64-bit hash of its key, or {@link #NO_KEY}
     * @param kind       its kind's wire name, or null when it cannot be told
     */
    public void add(long epochNanos, int valueBytes, long keyHash, String stream, String kind) {
        if (n == instants.length) {
            int grown = n * 2;
            instants = Arrays.copyOf(instants, grown);
            sizes = Arrays.copyOf(sizes, grown);
            keyHashes = Arrays.copyOf(keyHashes, grown);
            streamOf = Arrays.copyOf(streamOf, grown);
            kindOf = Arrays.copyOf(kindOf, grown);
        }
        instants[n] = epochNanos;
        sizes[n] = valueBytes;
        keyHashes[n] = keyHash;
        streamOf[n] = streams.computeIfAbsent(stream, k -> streams.size());
        kindOf[n] = kind == null ? -1 : kinds.computeIfAbsent(kind, k -> kinds.size());
        n++;
    }

    /** A 64-bit FNV-1a hash of a key's bytes (null: {@link #NO_KEY}); only to tell keys apart. */
    public static long keyHash(byte[] key) {
        if (key == null) {
            return NO_KEY;
        }
        long h = 0xcbf29ce484222325L;
        for (byte b : key) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h == NO_KEY ? NO_KEY + 1 : h;
    }

    public int events() {
        return n;
    }

    /**
     * The profile of the events in [start, start + duration); events outside it (a clock ahead or
     * behind, a record written with an old timestamp) are left out and counted in {@link Built#outside()}.
     */
    public Built build(long startEpochNanos, long durationNanos, long resolutionNanos, String recordedFrom, long recordedAtEpochMillis) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(instants[a], instants[b]));
        int kept = 0;
        for (int i = 0; i < n; i++) {
            long offset = instants[i] - startEpochNanos;
            if (offset >= 0 && offset < durationNanos) {
                kept++;
            }
        }
        long[] offsets = new long[kept];
        int[] outSizes = new int[kept];
        int[] keys = new int[kept];
        int[] outStreams = new int[kept];
        int[] outKinds = new int[kept];
        Map<Long, Integer> keyNumbers = new HashMap<>();
        int j = 0;
        for (Integer i : order) {
            long offset = instants[i] - startEpochNanos;
            if (offset < 0 || offset >= durationNanos) {
                continue;
            }
            offsets[j] = offset;
            outSizes[j] = sizes[i];
            keys[j] = keyHashes[i] == NO_KEY ? -1 : keyNumbers.computeIfAbsent(keyHashes[i], k -> keyNumbers.size());
            outStreams[j] = streamOf[i];
            outKinds[j] = kindOf[i];
            j++;
        }
        LoadProfile profile = new LoadProfile(durationNanos, resolutionNanos, LoadProfile.names(streams), LoadProfile.names(kinds),
                recordedFrom, recordedAtEpochMillis, offsets, outSizes, keys, outStreams, outKinds);
        return new Built(profile, n - kept);
    }

    /** The profile and how many observed events fell outside its interval. */
    public record Built(LoadProfile profile, int outside) {
    }
}
