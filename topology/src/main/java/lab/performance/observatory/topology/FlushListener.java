package lab.performance.observatory.topology;

/** Told about every flush, e.g. to count it in metrics. */
interface FlushListener {

    FlushListener NONE = (flushed, nanos) -> { };

    void flushed(TaskWindows.Flushed flushed, long durationNanos);

    default void deadLettered(lab.performance.observatory.core.spec.DataType type, String reasonCode) {
    }
}
