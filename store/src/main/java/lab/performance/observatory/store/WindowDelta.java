package lab.performance.observatory.store;

import java.time.Instant;
import lab.performance.observatory.core.spec.DataType;

/**
 * What one commit of one input partition adds to one window of one event type. The offsets say
 * which input records it covers: [firstOffset, lastOffset].
 */
public record WindowDelta(
        String runId,
        DataType dataType,
        Instant windowStart,
        TopicPartitionRef input,
        long firstOffset,
        long lastOffset,
        long events,
        long bytes,
        long deadLettered,
        double measureSum,
        long payloadBytes,
        long copiedBytes,
        long fallbacks,
        long latencyMaxMicros,
        byte[] latencyHistogram) {
}
