package lab.performance.observatory.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The Kafka broker integration tests run against, chosen once per test JVM by the system property
 * {@value #PROPERTY}: {@code embedded} (the default: a KRaft broker from the {@code kafka_2.13} jar
 * in this JVM) or {@code testcontainers} (Apache Kafka's image through Testcontainers, for machines
 * with a container engine; {@code make test TEST_KAFKA=testcontainers}). Every test sees only
 * {@link #bootstrapServers()}.
 */
public interface TestKafka extends AutoCloseable {

    String PROPERTY = "observatory.test.kafka";

    String bootstrapServers();

    @Override
    void close();

    static TestKafka start(Path dataDirectory) throws IOException {
        String backend = System.getProperty(PROPERTY, "embedded").trim().toLowerCase(Locale.ROOT);
        return switch (backend) {
            case "", "embedded" -> new Embedded(KafkaBroker.start(dataDirectory, Map.of()));
            case "testcontainers" -> ContainerKafka.start();
            default -> throw new IllegalArgumentException(PROPERTY + "=" + backend + ": expected embedded or testcontainers");
        };
    }

    /** The in-process KRaft broker. */
    record Embedded(KafkaBroker broker) implements TestKafka {
        @Override
        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        @Override
        public void close() {
            broker.close();
        }
    }
}
