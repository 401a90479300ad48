package lab.performance.observatory.core.spec;

import java.util.OptionalInt;

/**
 * What the topology needs from the spec's processing stages, with defaults filled in.
 *
 * @param batchSize records the topology's consumer hands the processor per poll ({@code max.poll.records});
 *                  empty leaves Kafka Streams' default (1,000)
 */
public record TopologySettings(DecodeStrategy strategy, int windowSeconds, OptionalInt batchSize) {

    public static final TopologySettings DEFAULT = new TopologySettings(DecodeStrategy.COPYING, 1, OptionalInt.empty());

    public TopologySettings(DecodeStrategy strategy, int windowSeconds) {
        this(strategy, windowSeconds, OptionalInt.empty());
    }

    public TopologySettings withStrategy(DecodeStrategy newStrategy) {
        return new TopologySettings(newStrategy, windowSeconds, batchSize);
    }
}
