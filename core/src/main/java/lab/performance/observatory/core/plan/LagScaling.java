package lab.performance.observatory.core.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Lag-driven scaling of the topology, as a plan rather than a guess: replicas move only between the
 * plan's bounds, only to divisors of the task count (so partitions stay evenly spread), one step at
 * a time, and not again within the cooldown. Up when the backlog would take longer than
 * {@code scaleUpLagSeconds} to clear at the current consume rate, down when it is below
 * {@code scaleDownLagSeconds}. Pure: the caller observes lag and applies the decision.
 */
public final class LagScaling {

    /** When to act. */
    public record Policy(double scaleUpLagSeconds, double scaleDownLagSeconds, Duration cooldown) {

        public static final Policy DEFAULT = new Policy(5, 0.5, Duration.ofMinutes(2));

        public Policy {
            if (!(scaleUpLagSeconds > scaleDownLagSeconds && scaleDownLagSeconds >= 0) || cooldown.isNegative()) {
                throw new IllegalArgumentException("need scale-up lag > scale-down lag >= 0 and a non-negative cooldown");
            }
        }
    }

    /** The consumer group's lag in records and how fast it consumed, at one instant. */
    public record Observation(Instant at, long lagRecords, double consumedPerSecond) {

        /** Seconds the backlog takes to clear at the current rate; infinite when nothing is consumed but something waits. */
        public double lagSeconds() {
            if (lagRecords <= 0) {
                return 0;
            }
            return consumedPerSecond > 0 ? lagRecords / consumedPerSecond : Double.POSITIVE_INFINITY;
        }
    }

    /** The replicas to run and why; {@code changed} when they differ from the current count. */
    public record Decision(int replicas, boolean changed, String reason) {
    }

    private LagScaling() {
    }

    /**
     * @param lastChange when the replicas last changed, or null if never
     */
    public static Decision decide(int current, Plan plan, Observation observation, Instant lastChange, Policy policy) {
        int min = (int) plan.minConsumerReplicas().value();
        int tasks = (int) plan.maxConsumerReplicas().value();
        double lag = observation.lagSeconds();
        String seen = String.format(Locale.ROOT, "lag %s (%,d records at %,.0f/s)",
                Double.isInfinite(lag) ? "unbounded" : String.format(Locale.ROOT, "%.1f s", lag), observation.lagRecords(),
                observation.consumedPerSecond());
        if (current < min || current > tasks) {
            int bounded = current < min ? min : tasks;
            return new Decision(bounded, true, String.format(Locale.ROOT, "%d replicas is outside the plan's %d..%d: %d", current, min, tasks, bounded));
        }
        if (lastChange != null && observation.at().isBefore(lastChange.plus(policy.cooldown()))) {
            return new Decision(current, false, seen + "; cooling down until " + lastChange.plus(policy.cooldown()));
        }
        if (lag > policy.scaleUpLagSeconds()) {
            int next = nextDivisorAbove(tasks, current);
            if (next == current) {
                return new Decision(current, false, seen + " above " + fmt(policy.scaleUpLagSeconds()) + " s, but already at the plan's "
                        + tasks + " (one per task)");
            }
            return new Decision(next, true, String.format(Locale.ROOT, "%s above %s s: %d -> %d replicas", seen,
                    fmt(policy.scaleUpLagSeconds()), current, next));
        }
        if (lag < policy.scaleDownLagSeconds() && current > min) {
            int next = Math.max(min, previousDivisorBelow(tasks, current));
            return new Decision(next, true, String.format(Locale.ROOT, "%s below %s s: %d -> %d replicas", seen,
                    fmt(policy.scaleDownLagSeconds()), current, next));
        }
        return new Decision(current, false, seen + "; within bounds");
    }

    static int nextDivisorAbove(int n, int current) {
        for (int d = current + 1; d <= n; d++) {
            if (n % d == 0) {
                return d;
            }
        }
        return current;
    }

    static int previousDivisorBelow(int n, int current) {
        for (int d = current - 1; d >= 1; d--) {
            if (n % d == 0) {
                return d;
            }
        }
        return current;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
