package lab.performance.observatory.store;

/** An input partition, named without depending on Kafka's client classes. */
public record TopicPartitionRef(String topic, int partition) {
}
