package lab.performance.observatory.core.spec;

import java.util.Map;

/**
 * Kafka producer settings the generator uses. Defaults favour throughput with durable acks:
 * acks=all with idempotence, a 5 ms linger and 64 KiB batches, no compression (random payloads
 * barely compress and the CPU is shared with the rest of the pipeline).
 * {@code properties} passes any other producer property through verbatim.
 */
public record ProducerSettings(
        String acks,
        int lingerMs,
        int batchSizeBytes,
        String compressionType,
        Map<String, String> properties) {

    public static final ProducerSettings DEFAULT = new ProducerSettings("all", 5, 65_536, "none", Map.of());
}
