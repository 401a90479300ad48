package lab.performance.observatory.generator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import lab.performance.observatory.cdc.CdcNames;
import lab.performance.observatory.cdc.Change;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.events.ChangeOperation;
import lab.performance.observatory.events.RowChange;
import lab.performance.observatory.schemas.EventEncoder;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes the changes Debezium streams from one CDC source's table to the source's topic
 * (docs/cdc.md): each a {@code RowChange} event with the row's intended time (the column the
 * generator wrote; a delete's own from {@code deleteIntents}), its commit time and LSN, the same
 * headers and record timestamp as every generated event, keyed by the row id. The broker's
 * acknowledgement is timed against the commit: commit-to-Kafka. Runs on the engine's thread.
 */
final class ChangeForwarder implements Consumer<Change> {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final byte[] runId;
    private final String table;
    private final EventEncoder encoder;
    private final Map<Long, Long> deleteIntents;
    private final SourceCounters counters;
    private final NanoClock clock;
    private final RowChange record = new RowChange();

    ChangeForwarder(Producer<byte[], byte[]> producer, String topic, String runId, String sourceName, EventEncoder encoder,
                    Map<Long, Long> deleteIntents, SourceCounters counters, NanoClock clock) {
        this.producer = producer;
        this.topic = topic;
        this.runId = runId.getBytes(StandardCharsets.UTF_8);
        this.table = CdcNames.table(sourceName);
        this.encoder = encoder;
        this.deleteIntents = deleteIntents;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void accept(Change change) {
        long row = ((Number) change.column("id")).longValue();
        Long intendedMicros = change.op() == Change.Op.DELETE ? deleteIntents.remove(row)
                : (Long) change.after().get("intended_us");
        if (intendedMicros == null) {
            counters.recordForwardFailure(); // a delete this run did not make: cannot be timed, not counted as processed either
            return;
        }
        byte[] payload = change.op() == Change.Op.DELETE ? null : (byte[]) change.after().get("payload");
        record.setTimestamp(EventFactory.instant(intendedMicros));
        record.setOp(ChangeOperation.valueOf(change.op().name()));
        record.setTable(table);
        record.setRowId(row);
        record.setCommitTimestamp(EventFactory.instant(change.commitMicros()));
        record.setLsn(change.lsn());
        record.setRow(payload == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(payload));
        long intendedNanos = intendedMicros * 1000;
        RecordHeaders headers = new RecordHeaders(new Header[] {
                new RecordHeader(KafkaEventSink.INTENDED_HEADER, KafkaEventSink.decimalAscii(intendedNanos)),
                new RecordHeader(KafkaEventSink.RUN_HEADER, runId)});
        long commitNanos = change.commitMicros() * 1000;
        try {
            producer.send(new ProducerRecord<>(topic, null, intendedMicros / 1000, Long.toString(row).getBytes(StandardCharsets.US_ASCII),
                    encoder.encode(record), headers), (metadata, exception) -> {
                        if (exception == null) {
                            counters.recordForwarded(commitNanos, clock.epochNanos());
                        } else {
                            counters.recordForwardFailure();
                        }
                    });
        } catch (RuntimeException e) {
            counters.recordForwardFailure();
        }
    }

}
