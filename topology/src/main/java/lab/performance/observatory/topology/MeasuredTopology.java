package lab.performance.observatory.topology;

import java.time.Duration;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.schemas.registry.SchemaIdLookup;
import lab.performance.observatory.store.WindowSink;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * The topology: every input topic → {@link WindowMetricsProcessor} → (malformed records only) the
 * dead-letter topic. Windows leave through the processor's sink to PostgreSQL, not a topic.
 */
public final class MeasuredTopology {

    static final String SOURCE = "inputs";
    static final String PROCESSOR = "window-metrics";
    static final String DEAD_LETTER_SINK = "dead-letter";

    private MeasuredTopology() {
    }

    /**
     * Everything the topology is built from; {@code registry} is null when records carry no registry
     * ids; {@code flushBeforeCommit}: the windows are written before every commit Streams makes on its
     * own ({@link FlushBeforeCommit}), what {@code exactly_once_v2} needs.
     */
    public record Settings(InputTopics inputs, String deadLetterTopic, DecodeStrategy strategy, SchemaIdLookup registry,
                           Duration window, Duration flushInterval, boolean recordLatency, boolean flushBeforeCommit) {
    }

    public static Topology build(Settings settings, WindowSink sink, NanoClock clock) {
        return build(settings, sink, clock, FlushListener.NONE);
    }

    static Topology build(Settings settings, WindowSink sink, NanoClock clock, FlushListener listener) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.inputs().topicNames());
        topology.addProcessor(PROCESSOR, () -> new WindowMetricsProcessor(settings.inputs(), settings.strategy(), settings.registry(), sink,
                settings.window().toMillis(), settings.flushInterval(), clock, listener, DEAD_LETTER_SINK, settings.recordLatency(),
                settings.flushBeforeCommit()), SOURCE);
        if (settings.flushBeforeCommit()) {
            topology.addStateStore(FlushBeforeCommit.builder(), PROCESSOR);
        }
        topology.addSink(DEAD_LETTER_SINK, settings.deadLetterTopic(), new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        return topology;
    }
}
