package lab.performance.observatory.core.report;

import java.time.Instant;
import lab.performance.observatory.core.spec.DataType;
import org.HdrHistogram.Histogram;

/**
 * Topology output for one event type in one processing-time window: events decoded, their bytes,
 * records dead-lettered, the sum of the type's measure (notional, temperature, severe logs), the
 * payload (Avro body) bytes received and those the decode strategy copied, events it had to decode through the copying fallback,
 * and the end-to-end latency histogram in microseconds. Several rows for the same window and type
 * add up.
 */
public record WindowMetrics(
        DataType dataType,
        Instant windowStart,
        long events,
        long bytes,
        long deadLettered,
        double measureSum,
        long payloadBytes,
        long copiedBytes,
        long fallbacks,
        Histogram latencyMicros) {
}
