package lab.performance.observatory.operator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.stack.EmbeddedStack;

/**
 * The operator wired to this JVM's real broker and PostgreSQL, as on a one-broker cluster, with
 * consumer lag read from Kafka (the simulated lag of the mock-server tests is left out).
 */
public class LocalClusterProfile implements QuarkusTestProfile {

    /** Small enough that a 2,000 events/s benchmark is planned onto two generator pods. */
    static final String GENERATOR_EPS = "1500";
    /** Not the defaults: the verdict in status must be judged with what the operator was configured with. */
    static final Thresholds THRESHOLDS = new Thresholds(7, 25, 2.0, 30, 0.05);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.arc.exclude-types", SimulatedConsumerLag.class.getName(),
                "observatory.operator.brokers", "1",
                "observatory.operator.generator-events-per-second", GENERATOR_EPS,
                "observatory.operator.drain-timeout", "60s",
                "observatory.operator.regression.max-throughput-drop", "7",
                "observatory.operator.regression.max-latency-rise", "25",
                "observatory.operator.regression.latency-floor-ms", "2.0",
                "observatory.operator.regression.max-resource-rise", "30",
                "observatory.operator.regression.alpha", "0.05");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Stack.class));
    }

    /** Where the operator finds Kafka and PostgreSQL: the embedded stack, started once per test JVM. */
    public static class Stack implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            EmbeddedStack stack = EmbeddedStack.get();
            return Map.of("observatory.operator.bootstrap-servers", stack.bootstrapServers(),
                    "observatory.operator.jdbc-url", stack.jdbcUrl());
        }

        @Override
        public void stop() {
            // the stack is shared by the whole test JVM and stops with it
        }
    }
}
