package lab.performance.observatory.core.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Base64;
import lab.performance.observatory.core.stats.LatencyHistograms;
import org.HdrHistogram.Histogram;

/**
 * One closed processing-time window of a run as the live feed carries it (docs/api.md, "Live"):
 * what one topology instance processed in it (or, once merged, every instance), its end-to-end
 * latency percentiles and the compressed histogram they come from (so windows of several instances
 * merge exactly), the consumer lag the instance saw when the window closed, and how many events it
 * has processed in the run so far.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowSummary(String type, String runId, String instance, String windowStart, long processed, long deadLettered,
                            long bytes, Latency endToEndMs, String latencyHistogram, Long lagRecords, long processedTotal) {

    public static final String TYPE = "window";

    /** Milliseconds; {@code count} 0 when no latency was recorded in the window. */
    public record Latency(long count, double p50, double p90, double p99, double p999, double max) {

        static Latency of(Histogram micros) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, 0, 0, 0, 0, 0);
            }
            return new Latency(micros.getTotalCount(), LatencyHistograms.percentileMillis(micros, 50), LatencyHistograms.percentileMillis(micros, 90),
                    LatencyHistograms.percentileMillis(micros, 99), LatencyHistograms.percentileMillis(micros, 99.9),
                    micros.getMaxValue() / 1000.0);
        }
    }

    static WindowSummary of(String runId, String instance, String windowStart, long processed, long deadLettered, long bytes, Histogram micros,
                            Long lagRecords, long processedTotal) {
        return new WindowSummary(TYPE, runId, instance, windowStart, processed, deadLettered, bytes, Latency.of(micros),
                Base64.getEncoder().encodeToString(LatencyHistograms.compress(micros)), lagRecords, processedTotal);
    }

    /** The latency histogram (microseconds) this summary carries. */
    public Histogram histogram() {
        return LatencyHistograms.decompress(Base64.getDecoder().decode(latencyHistogram));
    }
}
