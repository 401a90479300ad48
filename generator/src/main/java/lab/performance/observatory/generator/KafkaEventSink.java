package lab.performance.observatory.generator;

import java.nio.charset.StandardCharsets;
import lab.performance.observatory.core.time.NanoClock;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes events to one topic with the run id and intended send time as headers (docs/architecture.md, "Contracts"),
 * the record timestamp set to the intended time, and acknowledgements counted per source.
 */
public final class KafkaEventSink implements EventSink {

    /** Intended send time, epoch nanoseconds, as decimal ASCII. */
    public static final String INTENDED_HEADER = lab.performance.observatory.core.report.RecordHeaders.INTENDED;
    /** The run the event belongs to, UTF-8. */
    public static final String RUN_HEADER = lab.performance.observatory.core.report.RecordHeaders.RUN;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final byte[] runId;
    private final SourceCounters counters;
    private final NanoClock clock;

    public KafkaEventSink(Producer<byte[], byte[]> producer, String topic, String runId, SourceCounters counters, NanoClock clock) {
        this.producer = producer;
        this.topic = topic;
        this.runId = runId.getBytes(StandardCharsets.UTF_8);
        this.counters = counters;
        this.clock = clock;
    }

    /** Counts the outcome of one send and times its acknowledgement against when it was sent. */
    private final class Acknowledgement implements Callback {
        private final long sentNanoTime;

        Acknowledgement(long sentNanoTime) {
            this.sentNanoTime = sentNanoTime;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                counters.recordAcknowledged(sentNanoTime, clock.nanoTime(), metadata.serializedValueSize());
            } else {
                counters.recordFailure();
            }
        }
    }

    /** The decimal digits of a non-negative number as ASCII bytes, without an intermediate String. */
    static byte[] decimalAscii(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("not an epoch instant: " + value);
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        byte[] out = new byte[digits];
        long rest = value;
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return out;
    }

    @Override
    public void send(byte[] key, byte[] value, long intendedEpochNanos, long sentNanoTime) {
        RecordHeaders headers = new RecordHeaders(new Header[] {
                new RecordHeader(INTENDED_HEADER, decimalAscii(intendedEpochNanos)),
                new RecordHeader(RUN_HEADER, runId)});
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, null, intendedEpochNanos / 1_000_000, key, value, headers);
        try {
            producer.send(record, new Acknowledgement(sentNanoTime));
        } catch (RuntimeException e) {
            // the producer refused it outright (closed, buffer exhausted past max.block.ms): counted, not thrown
            counters.recordFailure();
        }
    }
}
