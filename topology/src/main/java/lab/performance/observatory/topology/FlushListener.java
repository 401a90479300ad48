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
}
