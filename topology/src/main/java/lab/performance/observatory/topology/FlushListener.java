package lab.performance.observatory.topology;

import lab.performance.observatory.core.spec.DataType;

/** Told about every flush, dead letter and measured latency, e.g. to count them in metrics. */
interface FlushListener {

    FlushListener NONE = (flushed, nanos) -> { };

    void flushed(TaskWindows.Flushed flushed, long durationNanos);

    default void deadLettered(DataType type, String reasonCode) {
    }

    /** One event's end-to-end latency (processed − intended), when the run records latency. */
    default void endToEnd(DataType type, long latencyNanos) {
    }

    /** Both told everything, {@code first} first. */
    static FlushListener both(FlushListener first, FlushListener second) {
        if (first == NONE) {
            return second;
        }
        if (second == NONE) {
            return first;
        }
        return new FlushListener() {
            @Override
            public void flushed(TaskWindows.Flushed flushed, long durationNanos) {
                first.flushed(flushed, durationNanos);
                second.flushed(flushed, durationNanos);
            }

            @Override
            public void deadLettered(DataType type, String reasonCode) {
                first.deadLettered(type, reasonCode);
                second.deadLettered(type, reasonCode);
            }

            @Override
            public void endToEnd(DataType type, long latencyNanos) {
                first.endToEnd(type, latencyNanos);
                second.endToEnd(type, latencyNanos);
            }
        };
    }
}
