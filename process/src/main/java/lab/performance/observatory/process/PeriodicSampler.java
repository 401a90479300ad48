package lab.performance.observatory.process;

import java.time.Duration;
import lab.performance.observatory.core.time.NanoClock;

/**
 * Takes a sample at a fixed interval on its own daemon thread until closed; the interval is kept
 * by the clock, so a slow sample does not push the next one back.
 */
public abstract class PeriodicSampler implements AutoCloseable {

    private final NanoClock clock;
    private final Duration interval;
    private final Thread thread;
    private volatile boolean running = true;

    protected PeriodicSampler(NanoClock clock, Duration interval, String threadName) {
        this.clock = clock;
        this.interval = interval;
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(true);
    }

    /** Takes one sample now; also called by the sampling thread. */
    public abstract void sampleNow();

    public void start() {
        thread.start();
    }

    private void loop() {
        long next = clock.nanoTime();
        while (running) {
            sampleNow();
            next += interval.toNanos();
            clock.parkUntil(next);
        }
    }

    protected NanoClock clock() {
        return clock;
    }

    /** Stops the sampling thread (waiting up to two seconds for it); samples taken so far stay. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
