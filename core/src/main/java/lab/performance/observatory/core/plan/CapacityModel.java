package lab.performance.observatory.core.plan;

import java.util.Locale;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.report.TargetEvaluator;

/**
 * What one partition, one topology replica and one generator can carry, and the headroom plans
 * keep above the offered load. The defaults are conservative figures for a broker and consumers on
 * ordinary cloud cores; {@link #fromBaseline} replaces the consumer figure with what a stored run
 * measured.
 *
 * @param perPartitionEps           events/s one partition is planned to carry
 * @param perPartitionBytesPerSecond bytes/s one partition is planned to carry
 * @param perConsumerEps            events/s one topology replica is planned to process
 * @param perGeneratorEps           events/s one generator is planned to send
 * @param headroom                  multiplier over the peak offered rate (1.3 = 30 % spare)
 * @param source                    where the figures come from, for the plan's reasons
 */
public record CapacityModel(double perPartitionEps, double perPartitionBytesPerSecond, double perConsumerEps,
                            double perGeneratorEps, double headroom, String source) {

    /** Documented defaults (README): 10k events/s and 5 MB/s per partition, 25k events/s per replica, 60k per generator, 30 % headroom. */
    public static final CapacityModel DEFAULT = new CapacityModel(10_000, 5 * 1024 * 1024, 25_000, 60_000, 1.3, "defaults");

    /** How busy a replica may run before the plan adds another: half of its CPU budget. */
    static final double TARGET_UTILISATION = 0.5;

    public CapacityModel {
        if (!(perPartitionEps > 0 && perPartitionBytesPerSecond > 0 && perConsumerEps > 0 && perGeneratorEps > 0 && headroom >= 1)) {
            throw new IllegalArgumentException("capacities must be positive and headroom at least 1");
        }
    }

    /** The same model with another figure for what one generator sends (it depends on the pod a generator gets). */
    public CapacityModel withPerGeneratorEps(double eventsPerSecond) {
        return new CapacityModel(perPartitionEps, perPartitionBytesPerSecond, perConsumerEps, eventsPerSecond, headroom, source);
    }

    /**
     * Per-replica capacity from a baseline run: the events/s its topology processed per CPU core,
     * times the cores a replica gets, at {@link #TARGET_UTILISATION}. Partition and generator figures
     * stay the defaults (a one-broker local run says nothing about them).
     */
    public static CapacityModel fromBaseline(RunReport baseline, double replicaCpuCores) {
        RunReport.ComponentResources topology = baseline.resources().get(TargetEvaluator.TARGET_COMPONENT);
        double eps = baseline.throughput().sustainedEps();
        if (topology == null || topology.cpuCores() <= 0 || eps <= 0) {
            throw new IllegalArgumentException("baseline run " + baseline.runId() + " has no topology CPU or throughput to plan from");
        }
        double perCore = eps / topology.cpuCores();
        return new CapacityModel(DEFAULT.perPartitionEps, DEFAULT.perPartitionBytesPerSecond,
                Math.floor(perCore * replicaCpuCores * TARGET_UTILISATION), DEFAULT.perGeneratorEps, DEFAULT.headroom,
                String.format(Locale.ROOT, "baseline %s (%,.0f events/s per topology core)", baseline.runId(), perCore));
    }
}
