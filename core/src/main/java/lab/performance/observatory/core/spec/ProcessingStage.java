package lab.performance.observatory.core.spec;

import java.util.Map;

/** A stage as the user wrote it; {@link TopologySettings} is what the topology takes from all stages. */
public record ProcessingStage(String name, StageType type, Map<String, Object> config) {

    public enum StageType {
        /** turns record bytes into events; config {@code strategy} or {@code enable_zero_copy} */
        DECODE("decode"),
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
    }
}
