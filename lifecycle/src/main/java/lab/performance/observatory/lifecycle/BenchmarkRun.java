package lab.performance.observatory.lifecycle;

import java.time.Duration;
import java.util.Optional;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.verdict.Thresholds;

/**
 * What to run and how to judge it: the spec, the plan it is laid out by, the baseline it is compared
 * with (a name or run id; empty: none), the thresholds of a regression, how long the topology may
 * drain, and how long provisioning may take (empty: as long as it takes).
 */
public record BenchmarkRun(BenchmarkSpec spec, Plan plan, Optional<String> baseline, Thresholds thresholds, Duration drainTimeout,
                           Optional<Duration> provisionTimeout) {
}
