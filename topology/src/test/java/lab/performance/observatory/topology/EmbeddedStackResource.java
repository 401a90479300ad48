package lab.performance.observatory.topology;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** The real broker and PostgreSQL of this test JVM, with the topics of one test run, wired into Quarkus. */
public class EmbeddedStackResource implements QuarkusTestResourceLifecycleManager {

    static final String RUN = "quarkus-test-run";
    static final String TICKS = "obs." + RUN + ".ticks";
    static final String SENSORS = "obs." + RUN + ".sensors";
    static final String DEAD_LETTER = "obs." + RUN + ".dead-letter";
    static final String APPLICATION_ID = "obs-topology-" + RUN;

    @Override
    public Map<String, String> start() {
        EmbeddedStack stack = EmbeddedStack.get();
        try (Admin admin = stack.admin()) {
            admin.createTopics(List.of(new NewTopic(TICKS, 2, (short) 1), new NewTopic(SENSORS, 2, (short) 1),
                    new NewTopic(DEAD_LETTER, 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test topics", e);
        }
        return Map.of(
                "quarkus.kafka-streams.bootstrap-servers", stack.bootstrapServers(),
                "quarkus.kafka-streams.application-id", APPLICATION_ID,
                "quarkus.kafka-streams.topics", TICKS + "," + SENSORS,
                "observatory.topology.inputs", TICKS + "=market_data," + SENSORS + "=iot_sensor",
                "observatory.topology.dead-letter-topic", DEAD_LETTER,
                "quarkus.datasource.jdbc.url", stack.jdbcUrl(),
                "kafka-streams.state.dir", Path.of("target", "kafka-streams-state").toAbsolutePath().toString(),
                "quarkus.http.test-port", "0");
    }

    @Override
    public void stop() {
        // the stack outlives this resource: it is shared by every test of the JVM and stops with it
    }
}
