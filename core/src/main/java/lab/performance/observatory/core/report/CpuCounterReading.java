package lab.performance.observatory.core.report;

import java.util.Map;

/**
 * What was stored of one component's {@code perf stat} over the measured interval: the counter sums
 * (absent: not countable) and the seconds they cover; or, for {@link #MACHINE}, why no component was
 * counted ({@code reason}).
 */
public record CpuCounterReading(String component, Map<String, Double> sums, double seconds, String reason) {

    /** The component name of the one reading that says the machine has no counters. */
    public static final String MACHINE = "machine";

    public CpuCounterReading {
        sums = Map.copyOf(sums);
    }

    public static CpuCounterReading unavailable(String reason) {
        return new CpuCounterReading(MACHINE, Map.of(), 0, reason);
    }
}
