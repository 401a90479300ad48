package lab.performance.observatory.core.schedule;

import java.time.Duration;
import lab.performance.observatory.core.replay.ReplayTrace;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.PatternSpec;

/**
 * The open-loop plan of one data source: event k is due {@link #offsetNanos(long)} after the run
 * starts, whatever happened to earlier events. A late sender catches up; it never shifts the plan.
 */
public final class EventSchedule {

    /** Returned by {@link #offsetNanos(long)} for events past the end of the run. */
    public static final long AFTER_END = -1;

    private final RateProfile profile;
    private final long durationNanos;

    public EventSchedule(RateProfile profile, Duration duration) {
        this.profile = profile;
        this.durationNanos = duration.toNanos();
    }

    public static EventSchedule of(DataSourceSpec source, Duration duration) {
        return new EventSchedule(profileOf(source), duration);
    }

    /** A replay source's schedule over the trace its profile holds (docs/load-profiles.md). */
    public static EventSchedule of(DataSourceSpec source, Duration duration, ReplayTrace trace) {
        if (!(source.pattern() instanceof PatternSpec.Replay replay)) {
            return of(source, duration);
        }
        return new EventSchedule(new ReplayRate(trace, replay), duration);
    }

    /** The rate profile a data source asks for, spikes included. */
    public static RateProfile profileOf(DataSourceSpec source) {
        double rate = source.generationRate();
        PatternSpec pattern = source.pattern();
        RateProfile profile;
        if (pattern instanceof PatternSpec.Steady) {
            profile = new SteadyRate(rate);
        } else if (pattern instanceof PatternSpec.Periodic p) {
            profile = new PeriodicRate(rate, p.amplitude(), p.periodSeconds());
        } else if (pattern instanceof PatternSpec.Bursty b) {
            profile = new BurstyRate(rate, b.burstRate(), b.burstSeconds(), b.quietSeconds());
        } else if (pattern instanceof PatternSpec.Chaos c) {
            profile = new ChaosRate(c.minRate(), c.maxRate(), c.changeIntervalSeconds(), c.seed());
        } else if (pattern instanceof PatternSpec.Replay) {
            throw new IllegalArgumentException("source " + source.name() + " replays a recording: its schedule needs the profile's trace");
        } else {
            throw new IllegalStateException("unhandled pattern " + pattern);
        }
        return source.spikesIfAny()
                .<RateProfile>map(s -> new SpikyRate(profile, s.probability(), s.multiplier(), s.intervalSeconds(), s.seed()))
                .orElse(profile);
    }

    public RateProfile profile() {
        return profile;
    }

    public long durationNanos() {
        return durationNanos;
    }

    /** Nanoseconds from the start at which event {@code k} is due, or {@link #AFTER_END}. */
    public long offsetNanos(long k) {
        long offset = Math.round(profile.timeOfEvent(k) * 1e9);
        return offset < durationNanos ? offset : AFTER_END;
    }

    /** How many events the run plans in total. */
    public long plannedEvents() {
        long estimate = (long) Math.ceil(profile.eventsBy(durationNanos / 1e9));
        long k = Math.max(0, estimate - 2);
        while (k > 0 && offsetNanos(k - 1) == AFTER_END) {
            k--;
        }
        while (offsetNanos(k) != AFTER_END) {
            k++;
        }
        return k;
    }
}
