package lab.performance.observatory.core.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lab.performance.observatory.core.spec.BenchmarkSpec;

/**
 * When a fault is injected into a run: {@code at} after generation starts, for {@code duration}.
 *
 * @param fault    what is injected
 * @param at       from the start of generation to the injection
 * @param duration from the injection to the heal
 */
public record FaultPlan(Fault fault, Duration at, Duration duration) {

    /** The least a run must go on after the heal, so that recovery can be seen at all. */
    public static final Duration MIN_TAIL = Duration.ofSeconds(5);

    /** At the fault's default duration. */
    public static FaultPlan of(Fault fault, Duration at) {
        return new FaultPlan(fault, at, fault.defaultDuration());
    }

    /**
     * Several faults in one run, one after another: the first {@code at} after generation starts, each
     * next {@code gap} after the one before it is healed; each lasts {@code duration}, or its own
     * default when that is null.
     */
    public static List<FaultPlan> sequence(List<Fault> faults, Duration at, Duration duration, Duration gap) {
        List<FaultPlan> out = new ArrayList<>();
        Duration next = at;
        for (Fault f : faults) {
            FaultPlan p = new FaultPlan(f, next, duration != null ? duration : f.defaultDuration());
            out.add(p);
            next = p.at().plus(p.duration()).plus(gap);
        }
        return out;
    }

    /** What is wrong with this plan for {@code spec}'s run, each a phrase naming the option to change; empty when nothing is. */
    public List<String> problems(BenchmarkSpec spec) {
        List<String> out = new ArrayList<>();
        if (at.isNegative() || at.isZero()) {
            out.add("--at must be after generation starts, not " + at.toMillis() + " ms");
        }
        if (duration.isNegative() || (duration.isZero() && fault != Fault.TOPOLOGY_KILL)) {
            out.add("--duration must be positive for " + fault.wireName());
        }
        Duration healedBy = at.plus(duration);
        Duration latest = spec.duration().minus(MIN_TAIL);
        if (healedBy.compareTo(latest) > 0) {
            out.add(String.format(java.util.Locale.ROOT,
                    "the fault ends %.1f s into a %.1f s run: a run must go on for at least %d s after it to show recovery "
                            + "(lower --at or --duration, or lengthen the run with --run-duration)",
                    healedBy.toMillis() / 1000.0, spec.duration().toMillis() / 1000.0, MIN_TAIL.toSeconds()));
        }
        if (fault.needsDeadLetters() && spec.dataSources().stream().noneMatch(s -> s.corruptFraction() > 0)) {
            out.add(fault.wireName() + " needs a data source with corrupt_fraction above 0: without dead letters it changes nothing");
        }
        if (!at.isNegative() && at.compareTo(spec.warmup()) < 0) {
            out.add(String.format(java.util.Locale.ROOT, "--at %.1f s falls in the %.1f s warm-up: the latency before the fault "
                    + "would be the warm-up's", at.toMillis() / 1000.0, spec.warmup().toMillis() / 1000.0));
        }
        return out;
    }
}
