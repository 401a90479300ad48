package lab.performance.observatory.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SortedMap;

/**
 * The run report, shaped as DESIGN §3: {@code report.json}, the stored report and the API all
 * serialise this record (snake_case field names). Rebuilding it from the same stored facts gives
 * the same document.
 */
public record RunReport(
        int reportVersion,
        String runId,
        String benchmark,
        String status,
        Timing timing,
        EventCounts events,
        Throughput throughput,
        Latency latencyMs,
        SortedMap<String, TypeReport> byType,
        SortedMap<String, ComponentResources> resources,
        Processing processing,
        Targets targets,
        List<TimelinePoint> timeline,
        SortedMap<String, String> environment,
        JsonNode spec) {

    public static final int VERSION = 1;

    public record Timing(
            String generationStartedAt,
            String generationEndedAt,
            String endedAt,
            double durationSeconds,
            double warmupSeconds,
            double measuredSeconds,
            boolean drainCompleted,
            double drainSeconds) {
    }

    /**
     * {@code generated} counts what the broker acknowledged; {@code lost} = generated − processed −
     * dead-lettered, of which {@code undrained} were still waiting in the topics when draining stopped.
     */
    public record EventCounts(
            long generated,
            long processed,
            long deadLettered,
            long lost,
            long sent,
            long sendFailed,
            long undrained) {
    }

    public record Throughput(double sustainedEps, double peakEps, double bytesPerSecond) {
    }

    public record Latency(Percentiles endToEnd) {
    }

    /** Milliseconds, microsecond resolution; {@code count} is the number of events measured. */
    public record Percentiles(long count, double p50, double p90, double p95, double p99, double p999, double max) {
    }

    public record TypeReport(EventCounts events, Throughput throughput, Latency latencyMs) {
    }

    public record ComponentResources(double cpuCores, double peakRssMb) {
    }

    /**
     * How the topology decoded: {@code zero_copy_ratio} = payload bytes never copied ÷ payload
     * bytes received (payload: the Avro body, framing headers excluded); fallbacks are events a zero-copy decode handed to the copying path; CPU per
     * event is the topology's CPU time over the measured interval divided by the events processed.
     */
    public record Processing(String strategy, double zeroCopyRatio, long receivedBytes, long copiedBytes,
                             long decodeFallbacks, double topologyCpuUsPerEvent) {
    }

    public record Targets(boolean met, List<String> failures) {
    }

    /** One processing-time window of the whole pipeline, for charts. */
    public record TimelinePoint(String windowStart, long processed, long deadLettered, double p50Ms, double p99Ms) {
    }
}
