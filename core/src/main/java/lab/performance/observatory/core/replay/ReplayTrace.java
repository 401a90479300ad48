package lab.performance.observatory.core.replay;

import java.util.Arrays;

/**
 * The events one replay plays, in order: offsets from the start of the recording (non-decreasing,
 * below {@code durationNanos}), framed value sizes and key numbers (-1: no key).
 */
public final class ReplayTrace {

    private final long[] offsets;
    private final int[] sizes;
    private final int[] keys;
    private final long durationNanos;
    private final int distinctKeys;

    ReplayTrace(long[] offsets, int[] sizes, int[] keys, long durationNanos, int distinctKeys) {
        this.offsets = offsets;
        this.sizes = sizes;
        this.keys = keys;
        this.durationNanos = durationNanos;
        this.distinctKeys = distinctKeys;
    }

    public int events() {
        return offsets.length;
    }

    public long durationNanos() {
        return durationNanos;
    }

    public int distinctKeys() {
        return distinctKeys;
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

    /** How many events have an offset below {@code nanos}. */
    public int eventsBefore(long nanos) {
        int lo = 0;
        int hi = offsets.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (offsets[mid] < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Events in each whole second of the recording (the last one may be partial). */
    public long[] perSecond() {
        long[] counts = new long[(int) Math.max(1, (durationNanos + 999_999_999L) / 1_000_000_000L)];
        for (long o : offsets) {
            counts[(int) (o / 1_000_000_000L)]++;
        }
        return counts;
    }

    /** What a recording summary and a spec's {@code recorded} facts say of this trace. */
    public ProfileSummary summary() {
        int n = offsets.length;
        int[] sorted = sizes.clone();
        Arrays.sort(sorted);
        long total = 0;
        for (int s : sorted) {
            total += s;
        }
        long peak = 0;
        for (long c : perSecond()) {
            peak = Math.max(peak, c);
        }
        double seconds = durationNanos / 1e9;
        return new ProfileSummary(n, seconds, n / seconds, n == 0 ? 0 : peak, n == 0 ? 0 : sorted[0], n == 0 ? 0 : sorted[n - 1],
                n == 0 ? 0 : (double) total / n, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), distinctKeys);
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static int percentile(int[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
