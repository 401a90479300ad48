package lab.performance.observatory.stack;

import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka in a container ({@code apache/kafka}, the version the project builds against) for machines
 * with a container engine. Not exercised on machines without one (these build machines have none):
 * the default is the embedded broker.
 */
final class ContainerKafka implements TestKafka {

    static final String IMAGE = "apache/kafka:4.1.2";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
