package lab.performance.observatory.topology;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.schemas.EventDecoder;
import lab.performance.observatory.schemas.EventFields;
import lab.performance.observatory.schemas.MalformedEventException;
import lab.performance.observatory.schemas.WriterSchemaResolver;
import lab.performance.observatory.schemas.registry.SchemaIdLookup;
import lab.performance.observatory.store.SinkFencedException;
import lab.performance.observatory.store.TopicPartitionRef;
import lab.performance.observatory.store.WindowSink;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Decodes each record, adds it to its event type's processing-time window (count, bytes, measure,
 * end-to-end latency = processing time − intended send time), and forwards what cannot be decoded
 * to the dead-letter topic with the reason in a header.
 *
 * <p>Commit discipline: windows live in memory until a flush writes them to PostgreSQL together
 * with the input offsets they cover. Flushes happen on a wall-clock punctuation, for every task of
 * the stream thread at once, immediately followed by a commit request; periodic commits are
 * configured off. So Kafka commits offsets only for records already in PostgreSQL (except in the
 * instants between a rebalance's or shutdown's commit and the task's closing flush), and a record
 * Kafka redelivers is recognised by its offset and skipped: nothing is counted twice. Under
 * {@code exactly_once_v2}, where Streams commits on its own schedule, {@link FlushBeforeCommit}
 * writes the windows before each of its commits.
 */
final class WindowMetricsProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    static final String INTENDED_HEADER = lab.performance.observatory.core.report.RecordHeaders.INTENDED;
    static final String RUN_HEADER = lab.performance.observatory.core.report.RecordHeaders.RUN;
    static final String REASON_HEADER = lab.performance.observatory.core.report.RecordHeaders.DEAD_LETTER_REASON;
    static final String ORIGIN_HEADER = lab.performance.observatory.core.report.RecordHeaders.DEAD_LETTER_ORIGIN;
    static final String UNKNOWN_RUN = "unknown";
    static final long SLOW_FLUSH_NANOS = 100_000_000L;
    private static final Logger LOG = Logger.getLogger(WindowMetricsProcessor.class);

    /** Every processor of the current stream thread, flushed together before the thread commits. */
    private static final ThreadLocal<Set<WindowMetricsProcessor>> ON_THIS_THREAD = ThreadLocal.withInitial(LinkedHashSet::new);

    private final InputTopics inputs;
    private final DecodeStrategy strategy;
    private final SchemaIdLookup registry;
    private final WindowSink sink;
    private final long windowMillis;
    private final Duration flushInterval;
    private final NanoClock clock;
    /** The dead-letter reason of a record without the run or intended-time header. */
    static final String MISSING_HEADER = "missing-header";

    private final FlushListener listener;
    private final String deadLetterSink;
    private final boolean recordLatency;
    private final boolean flushBeforeCommit;
    /** How long a commit Streams makes on its own waits for PostgreSQL to take the windows before the thread gives up. */
    static final long COMMIT_WAIT_NANOS = 5_000_000_000L;

    private ProcessorContext<byte[], byte[]> context;
    private TaskWindows windows;
    private EventDecoder decoder;
    private final EventFields fields = new EventFields();
    private boolean registered;
    private boolean sinkDown;
    private String lastTopic;
    private int lastPartition = -1;
    private TaskWindows.Input lastInput;
    private byte[] lastRunBytes;
    private String lastRunId;

    WindowMetricsProcessor(InputTopics inputs, DecodeStrategy strategy, SchemaIdLookup registry, WindowSink sink, long windowMillis,
                           Duration flushInterval, NanoClock clock, FlushListener listener, String deadLetterSink,
                           boolean recordLatency, boolean flushBeforeCommit) {
        this.inputs = inputs;
        this.strategy = strategy;
        this.registry = registry;
        this.sink = sink;
        this.windowMillis = windowMillis;
        this.flushInterval = flushInterval;
        this.clock = clock;
        this.listener = listener;
        this.deadLetterSink = deadLetterSink;
        this.recordLatency = recordLatency;
        this.flushBeforeCommit = flushBeforeCommit;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.decoder = EventDecoder.create(strategy, new WriterSchemaResolver(registry));
        int partition = context.taskId().partition();
        Map<TopicPartitionRef, DataType> declared = new LinkedHashMap<>();
        inputs.types().forEach((topic, type) -> declared.put(new TopicPartitionRef(topic, partition), type));
        try {
            windows = new TaskWindows(sink, windowMillis, declared);
        } catch (SQLException e) {
            throw new StreamsException("cannot read sink progress from PostgreSQL: " + e.getMessage(), e);
        }
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flushThreadAndCommit());
        if (flushBeforeCommit) {
            FlushBeforeCommit store = context.getStateStore(FlushBeforeCommit.NAME);
            store.writesWith(this::flushForCommit);
        }
    }

    /**
     * Before a commit Streams makes on its own: the windows written, PostgreSQL out of reach given
     * {@link #COMMIT_WAIT_NANOS} (a restart takes a few seconds); false fails the commit and the thread.
     */
    private boolean flushForCommit() {
        long giveUp = clock.nanoTime() + COMMIT_WAIT_NANOS;
        while (!flush()) {
            if (clock.nanoTime() - giveUp >= 0) {
                return false;
            }
            clock.parkUntil(clock.nanoTime() + 250_000_000L);
        }
        return true;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (!registered) {
            ON_THIS_THREAD.get().add(this);
            registered = true;
        }
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        TaskWindows.Input in = input(metadata.topic(), metadata.partition());
        long offset = metadata.offset();
        Headers headers = record.headers();
        String runId = runId(headers.lastHeader(RUN_HEADER));
        long intended = intended(headers.lastHeader(INTENDED_HEADER));
        if (in.alreadyWritten(offset)) {
            // counted before a restart; if it was dead-lettered, whether Kafka took that copy is unknown
            // (it is known only at Streams' commit, after the count was written): it is sent again, once
            // more at worst, a repeat the audit recognises by its origin (docs/reliability.md)
            String reason = reason(record, runId, intended, in.declaredType);
            if (reason != null) {
                deadLetter(record, metadata, reason, false);
            }
            windows.recordReplay(in, runId == null ? UNKNOWN_RUN : runId);
            return;
        }
        long nowNanos = clock.epochNanos();
        long nowMillis = nowNanos / 1_000_000;
        String reason = reason(record, runId, intended, in.declaredType);
        if (runId == null) {
            runId = UNKNOWN_RUN;
        }
        if (reason != null) {
            deadLetter(record, metadata, reason, true);
            windows.recordDeadLetter(in, offset, runId, nowMillis);
            return;
        }
        long latencyMicros = TaskWindows.NO_LATENCY;
        if (recordLatency) {
            long latencyNanos = Math.max(0, nowNanos - intended);
            latencyMicros = latencyNanos / 1000;
            listener.endToEnd(fields.dataType(), latencyNanos);
        }
        windows.recordEvent(in, offset, runId, fields.dataType(), nowMillis, record.value().length, latencyMicros, fields.measure(),
                fields.payloadBytes(), fields.copiedBytes(), fields.fallback());
    }

    /** Null when the record is valid (and decoded into {@link #fields}), otherwise why it is dead-lettered. */
    private String reason(Record<byte[], byte[]> record, String runId, long intended, DataType declared) {
        if (runId == null) {
            return MISSING_HEADER + ": " + RUN_HEADER;
        }
        if (intended < 0) {
            return MISSING_HEADER + ": " + INTENDED_HEADER + " (epoch nanoseconds as decimal digits)";
        }
        return decode(record.value(), declared);
    }

    /** Null when decoded into {@link #fields}, otherwise why not. */
    private String decode(byte[] value, DataType declared) {
        try {
            decoder.decode(value, fields);
        } catch (MalformedEventException e) {
            return e.describe();
        }
        if (fields.dataType() != declared) {
            return MalformedEventException.Reason.WRONG_TYPE.code() + ": a " + fields.dataType().wireName() + " event on a " + declared.wireName() + " topic";
        }
        return null;
    }

    private TaskWindows.Input input(String topic, int partition) {
        if (partition != lastPartition || !topic.equals(lastTopic)) {
            lastInput = windows.input(topic, partition);
            lastTopic = topic;
            lastPartition = partition;
        }
        return lastInput;
    }

    private String runId(Header header) {
        if (header == null || header.value() == null || header.value().length == 0) {
            return null;
        }
        byte[] bytes = header.value();
        if (!Arrays.equals(bytes, lastRunBytes)) {
            lastRunBytes = bytes.clone();
            lastRunId = new String(bytes, StandardCharsets.UTF_8);
        }
        return lastRunId;
    }

    /** Epoch nanoseconds from ASCII digits without allocating; -1 if absent or not a number. */
    static long intended(Header header) {
        return header == null ? -1 : lab.performance.observatory.core.report.RecordHeaders.intendedNanos(header.value());
    }

    private void deadLetter(Record<byte[], byte[]> record, RecordMetadata metadata, String reason, boolean first) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(new RecordHeader(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(ORIGIN_HEADER,
                (metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset()).getBytes(StandardCharsets.UTF_8)));
        context.forward(record.withHeaders(headers), deadLetterSink);
        if (first) {
            listener.deadLettered(inputs.typeOf(metadata.topic()), reason.substring(0, Math.max(0, reason.indexOf(':'))));
        }
    }

    /** Kafka offsets are committed only once every task of the thread has written its windows. */
    private void flushThreadAndCommit() {
        boolean written = true;
        for (WindowMetricsProcessor processor : ON_THIS_THREAD.get()) {
            written &= processor.flush();
        }
        if (written) {
            context.commit();
        }
    }

    /**
     * Writes the task's windows. PostgreSQL out of reach is not fatal: the windows wait in memory, the
     * offsets are not committed, and the next punctuation tries again (docs/reliability.md).
     *
     * @return whether everything counted so far is in PostgreSQL
     */
    boolean flush() {
        long started = clock.nanoTime();
        TaskWindows.Flushed flushed;
        try {
            flushed = windows.flush();
        } catch (SQLException e) {
            if (!sinkDown) {
                LOG.warnf("writing windows to PostgreSQL failed, retrying at every flush (offsets wait): %s", e.getMessage());
                sinkDown = true;
            }
            return false;
        } catch (SinkFencedException e) {
            throw new StreamsException(e.getMessage(), e);
        }
        if (sinkDown) {
            LOG.infof("writing windows to PostgreSQL works again");
            sinkDown = false;
        }
        long took = clock.nanoTime() - started;
        if (flushed.rows() > 0) {
            listener.flushed(flushed, took);
        }
        if (took > SLOW_FLUSH_NANOS) {
            LOG.warnf("writing %d window rows to PostgreSQL took %d ms (processing waits meanwhile)", flushed.rows(), took / 1_000_000);
        }
        return true;
    }

    /** Closing with PostgreSQL out of reach loses nothing: what was not written was not committed, and is read again. */
    @Override
    public void close() {
        ON_THIS_THREAD.get().remove(this);
        if (windows != null && !flush()) {
            LOG.warnf("task %s closed with windows PostgreSQL did not take: its uncommitted records will be processed again", context.taskId());
        }
    }
}
