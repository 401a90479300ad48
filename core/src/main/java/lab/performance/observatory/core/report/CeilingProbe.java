package lab.performance.observatory.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One measurement of what the run's own stack can do without the pipeline (docs/measurement.md,
 * "Ceiling"), at the run's offered rate and record sizes, over the same measured interval (warm-up
 * excluded): {@link #RAW} plain clients, producer to consumer; {@link #PASS_THROUGH} a Kafka Streams
 * topology that forwards every record unchanged, with its CPU per event. Latency is end to end from
 * each event's intended send time, as the pipeline's is.
 *
 * @param repeat         which of the alternated repeats, from 1
 * @param measuredEvents events with an intended time in the measured interval that arrived
 * @param cpuUsPerEvent  the pass-through JVM's CPU over the measured interval per event; null for raw
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CeilingProbe(String kind, int repeat, double offeredEps, long measuredEvents, double measuredSeconds, double p50Ms,
                           double p99Ms, double p999Ms, Double cpuUsPerEvent) {

    public static final String RAW = "raw_kafka";
    public static final String PASS_THROUGH = "pass_through";

    public CeilingProbe {
        if (!RAW.equals(kind) && !PASS_THROUGH.equals(kind)) {
            throw new IllegalArgumentException("a ceiling probe is " + RAW + " or " + PASS_THROUGH + ", not " + kind);
        }
    }

    /** Events a second that arrived over the measured interval. */
    public double achievedEps() {
        return measuredSeconds <= 0 ? 0 : measuredEvents / measuredSeconds;
    }
}
