package lab.performance.observatory.topology;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.spec.DataType;

/**
 * The topics the topology reads and the event type each one carries, parsed from
 * {@code topic=data_type} entries (topic names may contain dots, so they cannot be config keys).
 */
public record InputTopics(Map<String, DataType> types) {

    public InputTopics {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("observatory.topology.inputs names no topic");
        }
        types = Map.copyOf(types);
    }

    public static InputTopics parse(List<String> entries) {
        Map<String, DataType> types = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("observatory.topology.inputs entry '" + entry + "' is not topic=data_type");
            }
            String topic = entry.substring(0, eq).trim();
            String type = entry.substring(eq + 1).trim();
            DataType dataType = DataType.fromWireName(type).orElseThrow(() -> new IllegalArgumentException(
                    "observatory.topology.inputs entry '" + entry + "': unknown data type '" + type + "' (expected one of "
                            + DataType.wireNames() + ")"));
            if (types.put(topic, dataType) != null) {
                throw new IllegalArgumentException("observatory.topology.inputs lists topic " + topic + " twice");
            }
        }
        return new InputTopics(types);
    }

    public String[] topicNames() {
        return types.keySet().stream().sorted().toArray(String[]::new);
    }

    public DataType typeOf(String topic) {
        DataType type = types.get(topic);
        if (type == null) {
            throw new IllegalStateException("record from unconfigured topic " + topic);
        }
        return type;
    }
}
