package lab.performance.observatory.core.replay;

import lab.performance.observatory.core.load.KeySampler;
import lab.performance.observatory.core.load.SizeSource;
import lab.performance.observatory.core.schedule.ReplayRate;

/**
 * The sizes and keys of a replay, event by event in schedule order: event n gets the size and key
 * of the recorded event {@link ReplayRate#recordedIndex} maps it to. Each is drawn once per event,
 * so each keeps its own count. Not thread-safe.
 */
public final class ReplayDraws {

    private ReplayDraws() {
    }

    public static SizeSource sizes(ReplayRate rate) {
        ReplayTrace trace = rate.trace();
        return new SizeSource() {
            private long n;

            @Override
            public int next() {
                int i = rate.recordedIndex(n++);
                return trace.valueBytes(Math.max(i, 0));
            }
        };
    }

    /** Keys numbered 0..distinct-1; an event recorded without a key gets key 0's neighbour, the last number. */
    public static KeySampler keys(ReplayRate rate) {
        ReplayTrace trace = rate.trace();
        int distinct = Math.max(1, trace.distinctKeys());
        return new KeySampler(distinct) {
            private long n;

            @Override
            public int next() {
                int i = rate.recordedIndex(n++);
                int key = i < 0 ? 0 : trace.key(i);
                return key < 0 ? distinct - 1 : key;
            }
        };
    }
}
