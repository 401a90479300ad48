package lab.performance.observatory.generator;

/** Where a sender hands each event; the Kafka one publishes, tests may record. */
public interface EventSink {

    void send(byte[] key, byte[] value, long intendedEpochNanos);
}
