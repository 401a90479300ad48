package lab.performance.observatory.generator;

import lab.performance.observatory.core.schedule.EventSchedule;
import lab.performance.observatory.core.time.NanoClock;

/**
 * Sends one data source's events open-loop: event k goes out as soon as its scheduled instant has
 * passed, stamped with that instant, however late the sender is. Lateness never moves the
 * schedule; it shows up as slip, and downstream as latency.
 */
public final class SourceSender implements Runnable {

    private final EventSchedule schedule;
    private final EventFactory factory;
    private final EventSink sink;
    private final SourceCounters counters;
    private final NanoClock clock;
    private final long startNanoTime;
    private final long startEpochNanos;
    private volatile boolean stopped;

    /**
     * @param startNanoTime   the run's start on {@code clock}'s monotonic scale
     * @param startEpochNanos the same instant on the wall clock, from which intended times are stamped
     */
    public SourceSender(EventSchedule schedule, EventFactory factory, EventSink sink, SourceCounters counters,
                        NanoClock clock, long startNanoTime, long startEpochNanos) {
        this.schedule = schedule;
        this.factory = factory;
        this.sink = sink;
        this.counters = counters;
        this.clock = clock;
        this.startNanoTime = startNanoTime;
        this.startEpochNanos = startEpochNanos;
        counters.anchor(startNanoTime, startEpochNanos);
    }

    @Override
    public void run() {
        for (long k = 0; !stopped; k++) {
            long offset = schedule.offsetNanos(k);
            if (offset == EventSchedule.AFTER_END) {
                return;
            }
            long due = startNanoTime + offset;
            long now = clock.nanoTime();
            while (now < due) {
                clock.parkUntil(due);
                if (stopped) {
                    return;
                }
                now = clock.nanoTime();
            }
            long intendedEpochNanos = startEpochNanos + offset;
            EventFactory.Event event = factory.next(intendedEpochNanos / 1000);
            counters.recordSlip(now, now - due);
            counters.sent.lazySet(k + 1);
            if (event.corrupt) {
                counters.corrupt.increment();
            }
            sink.send(event.key, event.value, intendedEpochNanos, now);
        }
    }

    /** Stops before the next event; events already handed to the sink stay sent. */
    public void stop() {
        stopped = true;
    }
}
