package lab.performance.observatory.core.time;

import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock every rate- or time-based class takes, so tests can drive it exactly: a monotonic
 * nanosecond counter for pacing, the wall clock in epoch nanoseconds for timestamps that cross
 * process boundaries, and a way to wait until a monotonic instant.
 */
public interface NanoClock {

    /** Monotonic nanoseconds, only meaningful as differences (like {@link System#nanoTime()}). */
    long nanoTime();

    /** Wall-clock time as nanoseconds since the epoch. */
    long epochNanos();

    /** Blocks until {@link #nanoTime()} reaches {@code deadline}, or returns early if interrupted. */
    void parkUntil(long deadline);

    static NanoClock system() {
        return SystemNanoClock.INSTANCE;
    }

    /** The system clocks: {@link System#nanoTime()}, {@link Instant#now()} and {@link LockSupport#parkNanos(long)}. */
    enum SystemNanoClock implements NanoClock {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long epochNanos() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public void parkUntil(long deadline) {
            long remaining = deadline - System.nanoTime();
            if (remaining > 0) {
                LockSupport.parkNanos(remaining);
            }
        }
    }
}
