package lab.performance.observatory.topology;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Static group membership when the topology runs as a named instance (a Kubernetes pod, named by
 * {@value #INSTANCE_ID}): Kafka Streams then gets {@code group.instance.id}, which is what lets
 * {@link LeaveGroupOnShutdown} take the instance out of the group at once on the way out. Kafka
 * Streams 4.1 removes only static members on close; a dynamic one keeps its partitions until its
 * session times out. Without the variable (a local run) nothing is added.
 */
public class StaticMembershipConfigSource implements ConfigSource {

    static final String INSTANCE_ID = "OBSERVATORY_TOPOLOGY_INSTANCE_ID";
    static final String PROPERTY = "kafka-streams.group.instance.id";

    private final Map<String, String> properties;

    public StaticMembershipConfigSource() {
        this(System.getenv());
    }

    StaticMembershipConfigSource(Map<String, String> environment) {
        String id = environment.get(INSTANCE_ID);
        this.properties = id == null || id.isBlank() ? Map.of() : Map.of(PROPERTY, id.trim());
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "observatory-static-membership";
    }

    @Override
    public int getOrdinal() {
        return 250; // below environment variables and system properties, so either can still override
    }
}
