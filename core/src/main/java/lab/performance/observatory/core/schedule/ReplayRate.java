package lab.performance.observatory.core.schedule;

import lab.performance.observatory.core.replay.ReplayTrace;
import lab.performance.observatory.core.spec.PatternSpec;

/**
 * A recorded trace as an open-loop schedule (docs/load-profiles.md): replayed event n is recorded
 * event j = floor(n / scale + phase), due at (pass × recording length + its offset) / speed, where
 * the pass is j ÷ events (only with {@code loop}; without it the schedule ends with the recording).
 * The same mapping gives each event its recorded size and key ({@link #recordedIndex}).
 */
public final class ReplayRate implements RateProfile {

    private final ReplayTrace trace;
    private final double speed;
    private final boolean loop;
    private final double scale;
    private final long phase;

    public ReplayRate(ReplayTrace trace, PatternSpec.Replay pattern) {
        this(trace, pattern.speed(), pattern.loop(), pattern.scale(), pattern.phase());
    }

    public ReplayRate(ReplayTrace trace, double speed, boolean loop, double scale, long phase) {
        if (!(speed > 0) || !(scale > 0) || Double.isInfinite(speed) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("speed and scale must be positive and finite: " + speed + ", " + scale);
        }
        if (trace.events() == 0) {
            throw new IllegalArgumentException("a replay needs a recording with events");
        }
        this.trace = trace;
        this.speed = speed;
        this.loop = loop;
        this.scale = scale;
        this.phase = phase;
    }

    public ReplayTrace trace() {
        return trace;
    }

    /** Pass and index of replayed event n as one number: pass × events + index; -1 after the end. */
    private long recorded(double n) {
        long j = (long) Math.floor(n / scale + phase);
        return !loop && j >= trace.events() ? -1 : j;
    }

    /** The recorded event replayed as event n (its size and key), or -1 after the end of a recording without loop. */
    public int recordedIndex(long n) {
        long j = recorded(n);
        return j < 0 ? -1 : (int) (j % trace.events());
    }

    /** Seconds from the start until the recording has played once (at the end without loop). */
    public double passSeconds() {
        return trace.durationNanos() / 1e9 / speed;
    }

    @Override
    public double timeOfEvent(double n) {
        long j = recorded(n);
        if (j < 0) {
            return Double.POSITIVE_INFINITY;
        }
        long pass = j / trace.events();
        int index = (int) (j % trace.events());
        return ((double) pass * trace.durationNanos() + trace.offsetNanos(index)) / speed / 1e9;
    }

    @Override
    public double eventsBy(double t) {
        if (!(t > 0)) {
            return 0;
        }
        double recordedNanos = t * speed * 1e9;
        long pass = (long) Math.floor(recordedNanos / trace.durationNanos());
        long within = trace.eventsBefore((long) Math.ceil(recordedNanos - (double) pass * trace.durationNanos()));
        double recordedBefore = !loop && pass >= 1 ? trace.events() : (double) pass * trace.events() + within;
        // replayed n with floor(n / scale + phase) < recordedBefore: n < (recordedBefore - phase) * scale
        return Math.max(0, Math.ceil((recordedBefore - phase) * scale));
    }

    @Override
    public double rateAt(double t) {
        double half = 0.5;
        return eventsBy(t + half) - eventsBy(Math.max(0, t - half));
    }
}
