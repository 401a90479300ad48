package lab.performance.observatory.core.time;

/**
 * A clock that only moves when told to; parking jumps straight to the deadline. Lets tests assert
 * exact schedules without sleeping. Not thread-safe: one driver thread at a time.
 */
public final class ManualNanoClock implements NanoClock {

    private final long epochOffset;
    private long now;

    /** Starts at monotonic 0 which corresponds to the wall-clock instant {@code epochNanosAtZero}. */
    public ManualNanoClock(long epochNanosAtZero) {
        this.epochOffset = epochNanosAtZero;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public long epochNanos() {
        return epochOffset + now;
    }

    @Override
    public void parkUntil(long deadline) {
        if (deadline > now) {
            now = deadline;
        }
    }

    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time does not go backwards: " + nanos);
        }
        now += nanos;
    }
}
