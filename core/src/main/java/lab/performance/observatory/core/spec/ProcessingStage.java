package lab.performance.observatory.core.spec;

import java.util.Map;

/** A stage as the user wrote it; {@link TopologySettings} is what the topology takes from all stages. */
public record ProcessingStage(String name, StageType type, Map<String, Object> config) {

    public ProcessingStage {
        config = Map.copyOf(config);
    }

    public enum StageType {
        /** turns record bytes into events; config {@code strategy} or {@code enable_zero_copy} */
        DECODE("decode"),
        /**
         * the stream processor as a whole, in the vocabulary users describe pipelines in: decodes like
         * {@link #DECODE} (config {@code strategy} or {@code enable_zero_copy}) and takes
         * {@code batch_size}, the records the topology's consumer hands it per poll
         */
        STREAM_PROCESSOR("stream_processor"),
        /** tumbling windows of count, bytes and latency; config {@code window_seconds} */
        WINDOW("window"),
        /** writes windows to PostgreSQL; no config */
        SINK("sink");

        private final String wireName;

        StageType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** Whether the stage chooses the decode strategy (at most one such stage per spec). */
        public boolean decodes() {
            return this == DECODE || this == STREAM_PROCESSOR;
        }
    }
}
