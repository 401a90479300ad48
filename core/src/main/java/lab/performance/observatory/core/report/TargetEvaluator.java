package lab.performance.observatory.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.performance.observatory.core.spec.PerformanceTargets;

/**
 * Judges a run against its spec's targets. Losing events or not finishing fails a run whatever the
 * targets say: a fast pipeline that drops data has not met anything.
 */
public final class TargetEvaluator {

    /** The component memory and CPU targets apply to. */
    public static final String TARGET_COMPONENT = "topology";

    private TargetEvaluator() {
    }

    static RunReport.Targets evaluate(RunFacts facts, RunReport.EventCounts events, RunReport.Throughput throughput,
                                      RunReport.Latency latency, Map<String, RunReport.ComponentResources> resources) {
        List<String> failures = new ArrayList<>();
        if (!"completed".equals(facts.status())) {
            failures.add("run did not complete (status " + facts.status() + ")");
        }
        if (events.lost() != 0) {
            String undrained = events.undrained() > 0 ? ", " + fmt(events.undrained()) + " of them still undrained in the topics" : "";
            failures.add(fmt(events.lost()) + " events lost (generated − processed − dead-lettered" + undrained + ")");
        }
        if (events.corruptSent() > events.deadLettered()) {
            failures.add(fmt(events.corruptSent() - events.deadLettered()) + " corrupt records were not dead-lettered ("
                    + fmt(events.corruptSent()) + " sent, " + fmt(events.deadLettered()) + " dead-lettered)");
        }
        if (events.duplicates() != null && events.duplicates() > 0) {
            failures.add(fmt(events.duplicates()) + " events counted more than once (the audit's processed + dead-lettered over Kafka's count)");
        }
        PerformanceTargets t = facts.spec().targets();
        t.minThroughputEps().ifPresent(min -> {
            if (throughput.sustainedEps() < min) {
                failures.add("sustained throughput " + fmt(throughput.sustainedEps()) + " events/s is below min_throughput_eps "
                        + fmt(min));
            }
        });
        t.maxP99LatencyMs().ifPresent(max -> {
            if (latency.endToEnd().p99() > max) {
                failures.add("end-to-end p99 " + latency.endToEnd().p99() + " ms is above max_p99_latency_ms " + fmt(max));
            }
        });
        RunReport.ComponentResources topology = resources.get(TARGET_COMPONENT);
        t.maxMemoryMb().ifPresent(max -> {
            if (topology == null) {
                failures.add("max_memory_mb cannot be checked: no resource samples for the " + TARGET_COMPONENT);
            } else if (topology.peakRssMb() > max) {
                failures.add(TARGET_COMPONENT + " peak RSS " + topology.peakRssMb() + " MB is above max_memory_mb " + fmt(max));
            }
        });
        t.maxCpuCores().ifPresent(max -> {
            if (topology == null) {
                failures.add("max_cpu_cores cannot be checked: no resource samples for the " + TARGET_COMPONENT);
            } else if (topology.cpuCores() > max) {
                failures.add(TARGET_COMPONENT + " used " + topology.cpuCores() + " CPU cores, above max_cpu_cores " + fmt(max));
            }
        });
        return new RunReport.Targets(failures.isEmpty(), List.copyOf(failures));
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }
}
