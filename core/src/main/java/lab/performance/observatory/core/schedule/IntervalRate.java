package lab.performance.observatory.core.schedule;

import java.util.Arrays;

/**
 * A rate that changes at fixed interval boundaries. Keeps prefix sums of the events per interval
 * (grown on demand) so that both Λ(t) and its inverse cost a lookup plus one in-interval step.
 * Instances are not thread-safe: each sender owns its own.
 */
abstract class IntervalRate implements RateProfile {

    protected final double intervalSeconds;
    private double[] prefix = new double[64];
    private int known = 1; // prefix[0..known) are computed; prefix[i] = events in [0, i·interval)

    IntervalRate(double intervalSeconds) {
        if (!(intervalSeconds > 0)) {
            throw new IllegalArgumentException("interval must be positive: " + intervalSeconds);
        }
        this.intervalSeconds = intervalSeconds;
    }

    /** Events due during interval {@code i}. */
    protected abstract double eventsInInterval(long i);

    /** Events due in [i·interval, i·interval + dt). */
    protected abstract double eventsWithin(long i, double dt);

    /** Smallest dt with eventsWithin(i, dt) ≥ events, for 0 &lt; events ≤ eventsInInterval(i). */
    protected abstract double timeWithin(long i, double events);

    /** A deterministic uniform draw in [0, 1) for interval {@code i}: random access, no state (SplitMix64). */
    protected static double uniform(long seed, long i) {
        long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private double prefix(int i) {
        while (known <= i) {
            if (known == prefix.length) {
                prefix = Arrays.copyOf(prefix, prefix.length * 2);
            }
            prefix[known] = prefix[known - 1] + eventsInInterval(known - 1);
            known++;
        }
        return prefix[i];
    }

    @Override
    public double eventsBy(double t) {
        if (t <= 0) {
            return 0;
        }
        int i = (int) Math.floor(t / intervalSeconds);
        return prefix(i) + eventsWithin(i, t - i * intervalSeconds);
    }

    @Override
    public double timeOfEvent(double n) {
        if (n <= 0) {
            return 0;
        }
        int upper = Math.max(1, known - 1);
        while (prefix(upper) < n) {
            upper *= 2;
        }
        // smallest i with prefix(i + 1) ≥ n; then prefix(i) < n, so interval i holds the event
        int lo = 0;
        int hi = upper - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (prefix(mid + 1) >= n) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo * intervalSeconds + timeWithin(lo, n - prefix(lo));
    }
}
