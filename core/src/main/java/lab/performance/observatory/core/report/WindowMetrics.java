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

    /** Whether {@code other} is of the same event type and window, so the two add up. */
    public boolean sameWindow(WindowMetrics other) {
        return dataType == other.dataType && windowStart.equals(other.windowStart);
    }

    /** This window and {@code other} of the same type and window added up; this row's histogram takes in the other's. */
    public WindowMetrics plus(WindowMetrics other) {
        if (!sameWindow(other)) {
            throw new IllegalArgumentException("only rows of one type and window add up: " + dataType + "@" + windowStart + " and "
                    + other.dataType + "@" + other.windowStart);
        }
        latencyMicros.add(other.latencyMicros);
        return new WindowMetrics(dataType, windowStart, events + other.events, bytes + other.bytes, deadLettered + other.deadLettered,
                measureSum + other.measureSum, payloadBytes + other.payloadBytes, copiedBytes + other.copiedBytes, fallbacks + other.fallbacks,
                latencyMicros);
    }
}
