package lab.performance.observatory.core.spec;

import java.util.OptionalInt;

/**
 * What the topology needs from the spec's processing stages, with defaults filled in.
 *
 * @param batchSize records the topology's consumer hands the processor per poll ({@code max.poll.records});
 *                  empty leaves Kafka Streams' default (1,000)
 * @param guarantee Kafka Streams' processing guarantee (the sink stage's {@code processing_guarantee})
 */
public record TopologySettings(DecodeStrategy strategy, int windowSeconds, OptionalInt batchSize, ProcessingGuarantee guarantee) {

    public static final TopologySettings DEFAULT = new TopologySettings(DecodeStrategy.COPYING, 1, OptionalInt.empty());

    public TopologySettings(DecodeStrategy strategy, int windowSeconds) {
        this(strategy, windowSeconds, OptionalInt.empty());
    }

    public TopologySettings(DecodeStrategy strategy, int windowSeconds, OptionalInt batchSize) {
        this(strategy, windowSeconds, batchSize, ProcessingGuarantee.AT_LEAST_ONCE);
    }

    public TopologySettings withStrategy(DecodeStrategy newStrategy) {
        return new TopologySettings(newStrategy, windowSeconds, batchSize, guarantee);
    }
}
