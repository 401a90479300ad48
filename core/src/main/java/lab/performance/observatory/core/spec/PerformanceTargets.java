package lab.performance.observatory.core.spec;

import java.util.OptionalDouble;

/** Pass/fail thresholds for a run; each one is optional. Memory and CPU apply to the topology. */
public record PerformanceTargets(
        OptionalDouble minThroughputEps,
        OptionalDouble maxP99LatencyMs,
        OptionalDouble maxMemoryMb,
        OptionalDouble maxCpuCores) {

    public static final PerformanceTargets NONE = new PerformanceTargets(
            OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
}
