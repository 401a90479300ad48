package lab.performance.observatory.generator;

/** Where a sender hands each event; the Kafka one publishes, tests may record. */
public interface EventSink {

    /**
     * @param intendedEpochNanos when the schedule wanted the event sent (wall clock)
     * @param sentNanoTime       when the sender actually sent it, on the sender's monotonic clock
     */
    void send(byte[] key, byte[] value, long intendedEpochNanos, long sentNanoTime);
}
