package lab.performance.observatory.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.core.spec.KeyDistribution;
import lab.performance.observatory.core.spec.PatternSpec;
import lab.performance.observatory.core.spec.SizeDistribution;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.core.time.ManualNanoClock;
import lab.performance.observatory.generator.EventFactory;
import lab.performance.observatory.store.MemoryWindowSink;
import lab.performance.observatory.store.WindowDelta;
import lab.performance.observatory.store.WindowSink;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The topology on TopologyTestDriver, no broker and no database: windows go to an in-memory sink
 * that keeps the JDBC sink's contract. {@link WindowMetricsTopologyIT} runs every case again
 * against the real PostgreSQL.
 */
class WindowMetricsTopologyTest {

    static final String MARKET = "ttd.market";
    static final String IOT = "ttd.iot";
    static final String DLQ = "ttd.dead-letter";
    static final long T0 = 1_900_000_000_000_000_000L; // a whole second, epoch nanos

    String applicationId;
    String runId;
    MemoryWindowSink memory = new MemoryWindowSink();
    ManualNanoClock clock;
    DecodeStrategy strategy = DecodeStrategy.COPYING;
    lab.performance.observatory.schemas.registry.SchemaIdLookup registry;

    @BeforeEach
    void names() {
        applicationId = "ttd-" + UUID.randomUUID();
        runId = "run-" + UUID.randomUUID();
        clock = new ManualNanoClock(T0);
    }

    TopologyTestDriver driver() {
        return driver(sink());
    }

    TopologyTestDriver driver(WindowSink sink) {
        return driver(sink, StreamsConfig.AT_LEAST_ONCE);
    }

    /** The test driver commits after every record it processes, as Streams may at any time under exactly_once_v2. */
    TopologyTestDriver driver(WindowSink sink, String guarantee) {
        MeasuredTopology.Settings settings = new MeasuredTopology.Settings(
                InputTopics.parse(List.of(MARKET + "=market_data", IOT + "=iot_sensor")), DLQ, strategy, registry,
                Duration.ofSeconds(1), Duration.ofSeconds(1), true, StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        return new TopologyTestDriver(MeasuredTopology.build(settings, sink, clock), props);
    }

    /**
     * Under exactly_once_v2 every commit writes the task's windows first: the test driver commits
     * after each record, and each is in PostgreSQL before any punctuation; a commit PostgreSQL cannot
     * precede fails (after its wait) instead of carrying offsets PostgreSQL lacks. (Under
     * at_least_once only the punctuation and the close write: the tests above.)
     */
    @Test
    void underExactlyOnceEveryCommitWritesTheWindowsFirst() throws Exception {
        EventFactory market = factory(DataType.MARKET_DATA);
        try (TopologyTestDriver driver = driver(sink(), StreamsConfig.EXACTLY_ONCE_V2)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
            for (int i = 0; i < 3; i++) {
                sendAt(in, market.next(0).value, clock.nanoTime() + 1_000_000L, 100);
            }
            assertThat(rows().stream().mapToLong(Row::events).sum()).as("written by the commits, no punctuation yet").isEqualTo(3);
        }
    }

    @Test
    void underExactlyOnceACommitPostgreSQLCannotPrecedeFailsAfterItsWait() throws Exception {
        EventFactory market = factory(DataType.MARKET_DATA);
        Outage down = new Outage(sink(), Integer.MAX_VALUE, false);
        try (TopologyTestDriver driver = driver(down, StreamsConfig.EXACTLY_ONCE_V2)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
            long before = clock.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sendAt(in, market.next(0).value, clock.nanoTime() + 1_000_000L, 100))
                    .hasStackTraceContaining("not committing offsets it lacks");
            assertThat(clock.nanoTime() - before).as("waited for PostgreSQL first").isGreaterThanOrEqualTo(WindowMetricsProcessor.COMMIT_WAIT_NANOS);
        } catch (RuntimeException closingAfterTheFailure) {
            // the driver's close commits again and fails the same way: nothing more to learn from it
        }
        assertThat(rows()).isEmpty();
    }

    /** Where windows go: one sink per test, outliving the drivers of a test (a restart sees what was written). */
    WindowSink sink() {
        return memory;
    }

    static EventFactory factory(DataType type) {
        return EventFactory.of(new DataSourceSpec("s", type, 1, new PatternSpec.Steady(), null,
                new SizeDistribution(200, 200, SizeDistribution.Shape.UNIFORM), new KeyDistribution(KeyDistribution.Kind.UNIFORM, 10, 1), lab.performance.observatory.core.spec.DataType.LATEST_SCHEMA_VERSION, lab.performance.observatory.core.spec.Framing.AUTO), 3);
    }

    TestRecord<byte[], byte[]> record(byte[] value, long intendedNanos, String run) {
        RecordHeaders headers = new RecordHeaders();
        if (intendedNanos >= 0) {
            headers.add(new RecordHeader("obs-intended-ns", Long.toString(intendedNanos).getBytes(StandardCharsets.US_ASCII)));
        }
        if (run != null) {
            headers.add(new RecordHeader("obs-run", run.getBytes(StandardCharsets.UTF_8)));
        }
        return new TestRecord<>(new byte[] {1}, value, headers, Instant.ofEpochSecond(0, intendedNanos < 0 ? T0 : intendedNanos));
    }

    /** Sends one event processed {@code latencyMicros} after its intended time, at processing time {@code atNanos}. */
    void sendAt(TestInputTopic<byte[], byte[]> topic, byte[] value, long atNanos, long latencyMicros) {
        clock.advance(atNanos - clock.nanoTime());
        topic.pipeInput(record(value, T0 + atNanos - latencyMicros * 1000, runId));
    }

    record Row(String type, Instant window, long events, long bytes, long deadLettered, long copiedBytes, Histogram latency) {
    }

    /** The written rows of this test's run, merged per type and window. */
    List<Row> rows() throws Exception {
        List<Row> out = new ArrayList<>();
        for (WindowDelta d : memory.rows()) {
            if (d.runId().equals(runId)) {
                out.add(new Row(d.dataType().wireName(), d.windowStart(), d.events(), d.bytes(), d.deadLettered(), d.copiedBytes(),
                        LatencyHistograms.decompress(d.latencyHistogram())));
            }
        }
        return merge(out);
    }

    static List<Row> merge(List<Row> rows) {
        Map<String, Row> merged = new LinkedHashMap<>();
        rows.sort(java.util.Comparator.comparing(Row::window).thenComparing(Row::type));
        for (Row row : rows) {
            merged.merge(row.type() + row.window(), row, (a, b) -> {
                a.latency().add(b.latency());
                return new Row(a.type(), a.window(), a.events() + b.events(), a.bytes() + b.bytes(),
                        a.deadLettered() + b.deadLettered(), a.copiedBytes() + b.copiedBytes(), a.latency());
            });
        }
        return new ArrayList<>(merged.values());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(DecodeStrategy.class)
    void countsBytesAndLatencyPerTypeAndWindow(DecodeStrategy strategy) throws Exception {
        this.strategy = strategy;
        EventFactory market = factory(DataType.MARKET_DATA);
        EventFactory iot = factory(DataType.IOT_SENSOR);
        long bytes = 0;
        long materialised = 0;
        var copying = (lab.performance.observatory.schemas.CopyingEventDecoder) lab.performance.observatory.schemas.EventDecoder.create(DecodeStrategy.COPYING);
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<byte[], byte[]> marketIn = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
            TestInputTopic<byte[], byte[]> iotIn = driver.createInputTopic(IOT, new ByteArraySerializer(), new ByteArraySerializer());
            for (int i = 1; i <= 3; i++) {
                byte[] value = market.next(0).value;
                bytes += value.length;
                materialised += lab.performance.observatory.schemas.MaterialisedBytes.of(copying.read(value));
                sendAt(marketIn, value, 100_000_000L * i, 1000L * i); // 1, 2, 3 ms
            }
            sendAt(iotIn, iot.next(0).value, 500_000_000L, 7_000);
            sendAt(marketIn, market.next(0).value, 1_200_000_000L, 10_000); // next window
            sendAt(marketIn, market.next(0).value, 1_300_000_000L, 20_000);
            assertThat(rows()).isEmpty(); // nothing is written before the flush
            driver.advanceWallClockTime(Duration.ofSeconds(1));

            List<Row> rows = rows();
            assertThat(rows).hasSize(3);
            Row first = rows.stream().filter(r -> r.type().equals("market_data") && r.window().equals(Instant.ofEpochSecond(1_900_000_000L))).findFirst().orElseThrow();
            assertThat(first.events()).isEqualTo(3);
            assertThat(first.bytes()).isEqualTo(bytes);
            // the Avro readers copy the strings, bytes and collections they materialise, less than the payloads; zero-copy none
            assertThat(first.copiedBytes()).isEqualTo(strategy == DecodeStrategy.ZERO_COPY ? 0 : materialised);
            assertThat(materialised).isPositive().isLessThan(bytes - 3 * 10);
            assertThat(first.latency().getTotalCount()).isEqualTo(3);
            assertThat(first.latency().getValueAtPercentile(50)).isEqualTo(first.latency().highestEquivalentValue(2000));
            assertThat(first.latency().getMaxValue()).isEqualTo(first.latency().highestEquivalentValue(3000));
            Row second = rows.stream().filter(r -> r.type().equals("market_data") && r.window().equals(Instant.ofEpochSecond(1_900_000_001L))).findFirst().orElseThrow();
            assertThat(second.events()).isEqualTo(2);
            assertThat(second.latency().getMinValue()).isEqualTo(10_000);
            Row sensors = rows.stream().filter(r -> r.type().equals("iot_sensor")).findFirst().orElseThrow();
            assertThat(sensors.events()).isEqualTo(1);
            assertThat(sensors.latency().getMaxValue()).isEqualTo(sensors.latency().highestEquivalentValue(7000));
        }
    }

    /**
     * Coordinated omission: 1,000 events/s for 10 s, each normally processed 2 ms after its intended
     * send time; once, right after the event due at 5.000 s, the topology stalls for 200 ms. The
     * 200 events due during the stall wait for it, so a correct open-loop measurement records
     * latencies 201, 200, ... 2 ms for them, not one 200 ms sample: out of 10,000 values, 9,799 + v
     * are at most v ms (for v from 2 to 201), so p99 is 101 ms, p99.5 151 ms, p99.9 191 ms, max 201 ms.
     * A closed-loop measurement (service time of the stalled call only) would report p99 = 2 ms.
     */
    @Test
    void aStallShowsInTheTailAsAnOpenLoopMeasurementSaysItShould() throws Exception {
        EventFactory market = factory(DataType.MARKET_DATA);
        long ms = 1_000_000L;
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
            for (int k = 0; k < 10_000; k++) {
                long intended = k * ms;
                // processing happens 2 ms after the intended time, or at once if the pipeline is behind
                long processedAt = Math.max(clock.nanoTime(), intended + 2 * ms);
                clock.advance(processedAt - clock.nanoTime());
                in.pipeInput(record(market.next(0).value, T0 + intended, runId));
                if (k == 5_000) {
                    clock.advance(200 * ms); // the stall: nothing is processed for 200 ms
                }
            }
        }
        Histogram all = LatencyHistograms.newHistogram();
        rows().forEach(r -> all.add(r.latency()));
        assertThat(all.getTotalCount()).isEqualTo(10_000);
        assertThat(LatencyHistograms.percentileMillis(all, 90)).isEqualTo(2.0);
        assertThat(LatencyHistograms.percentileMillis(all, 99)).isCloseTo(101.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(LatencyHistograms.percentileMillis(all, 99.5)).isCloseTo(151.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(LatencyHistograms.percentileMillis(all, 99.9)).isCloseTo(191.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(all.getMaxValue() / 1000.0).isCloseTo(201.0, org.assertj.core.data.Offset.offset(0.2));
        // 200 events waited: the stall is in 2 % of the samples, not in one
        assertThat(all.getCountBetweenValues(3_000, 1_000_000)).isEqualTo(199);
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicWithTheirReasonAndAreCounted() throws Exception {
        EventFactory market = factory(DataType.MARKET_DATA);
        EventFactory iot = factory(DataType.IOT_SENSOR);
        byte[] valid = market.next(0).value;
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
        byte[] random = new byte[64];
        new java.util.Random(5).nextBytes(random);
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<byte[], byte[]> marketIn = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> dead = driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            clock.advance(100_000_000L);
            marketIn.pipeInput(record(random, T0, runId));
            marketIn.pipeInput(record(truncated, T0, runId));
            marketIn.pipeInput(record(new byte[3], T0, runId));
            marketIn.pipeInput(record(iot.next(0).value, T0, runId));
            marketIn.pipeInput(record(valid, -1, runId));
            marketIn.pipeInput(record(valid, T0, null));
            marketIn.pipeInput(record(valid, T0, runId));
            driver.advanceWallClockTime(Duration.ofSeconds(1));

            List<TestRecord<byte[], byte[]>> dlq = dead.readRecordsToList();
            assertThat(dlq).hasSize(6);
            List<String> reasons = dlq.stream().map(r -> new String(r.headers().lastHeader("obs-dlq-reason").value(), StandardCharsets.UTF_8)).toList();
            assertThat(reasons.get(0)).startsWith("bad-magic: expected 0xC3 0x01");
            assertThat(reasons.get(1)).startsWith("truncated: ");
            assertThat(reasons.get(2)).startsWith("too-short: 3 bytes");
            assertThat(reasons.get(3)).isEqualTo("wrong-type: a iot_sensor event on a market_data topic");
            assertThat(reasons.get(4)).startsWith("missing-header: obs-intended-ns");
            assertThat(reasons.get(5)).isEqualTo("missing-header: obs-run");
            assertThat(dlq.get(1).value()).isEqualTo(truncated); // the original bytes, untouched
            assertThat(new String(dlq.get(1).headers().lastHeader("obs-dlq-origin").value(), StandardCharsets.UTF_8)).isEqualTo(MARKET + "/0/1");
            assertThat(dlq.get(1).headers().lastHeader("obs-run")).isNotNull(); // original headers kept

            List<Row> rows = rows();
            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.type()).isEqualTo("market_data");
                assertThat(r.events()).isEqualTo(1);
                assertThat(r.deadLettered()).isEqualTo(5); // the one without a run id is counted under "unknown"
            });
        }
    }

    @Test
    void registryFramedRecordsAreDeadLetteredWhenTheRegistryIsDownAndTheRestFlows() throws Exception {
        strategy = DecodeStrategy.ZERO_COPY;
        registry = new lab.performance.observatory.schemas.registry.SchemaRegistryClient(
                java.net.URI.create("http://127.0.0.1:" + lab.performance.observatory.process.FreePorts.pick() + "/apis/ccompat/v7"),
                new lab.performance.observatory.schemas.registry.SchemaRegistryClient.Settings(Duration.ofMillis(300), 2,
                        Duration.ofMillis(10), Duration.ofSeconds(60), Duration.ofSeconds(60), 10),
                lab.performance.observatory.core.time.NanoClock.system());
        EventFactory market = factory(DataType.MARKET_DATA);
        byte[] singleObject = market.next(0).value;
        byte[] registryFramed = EventFactory.of(new DataSourceSpec("s", DataType.MARKET_DATA, 1, new PatternSpec.Steady(), null,
                        new SizeDistribution(200, 200, SizeDistribution.Shape.UNIFORM), new KeyDistribution(KeyDistribution.Kind.UNIFORM, 10, 1),
                        DataType.LATEST_SCHEMA_VERSION, lab.performance.observatory.core.spec.Framing.REGISTRY), 3,
                lab.performance.observatory.schemas.ConfluentFraming.header(42)).next(0).value;
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> dead = driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (int i = 0; i < 50; i++) {
                sendAt(in, registryFramed, clock.nanoTime() + 1_000_000L, 100);
                sendAt(in, singleObject, clock.nanoTime() + 1_000_000L, 100);
            }
            // bounded: one failed lookup with its retries, then the registry counts as down and records fail fast
            assertThat(((lab.performance.observatory.schemas.registry.SchemaRegistryClient) registry).requestsSent()).isEqualTo(2);
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            List<TestRecord<byte[], byte[]>> dlq = dead.readRecordsToList();
            assertThat(dlq).hasSize(50).allSatisfy(r -> assertThat(new String(r.headers().lastHeader("obs-dlq-reason").value(),
                    StandardCharsets.UTF_8)).startsWith("registry-unavailable: registry http://127.0.0.1:"));
        }
        assertThat(rows().stream().mapToLong(Row::events).sum()).isEqualTo(50);
        assertThat(rows().stream().mapToLong(Row::deadLettered).sum()).isEqualTo(50);
    }

    @Test
    void aReplayedInputIsNotCountedTwice() throws Exception {
        EventFactory market = factory(DataType.MARKET_DATA);
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            values.add(market.next(0).value);
        }
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
            for (int i = 0; i < 10; i++) {
                sendAt(in, values.get(i), 10_000_000L * (i + 1), 100);
            }
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
        assertThat(rows().stream().mapToLong(Row::events).sum()).isEqualTo(10);

        // a restarted application with the same id sees offsets 0.. again, as after losing its commits
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
            for (int i = 0; i < 20; i++) {
                sendAt(in, values.get(i), clock.nanoTime() + 1_000_000L, 100);
            }
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
        assertThat(rows().stream().mapToLong(Row::events).sum()).isEqualTo(20);
        assertThat(replaysSkipped()).as("the first ten, recognised by their offsets").isEqualTo(10);

        // a replay of nothing but written records: still counted, nothing else moves
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
            for (int i = 0; i < 5; i++) {
                sendAt(in, values.get(i), clock.nanoTime() + 1_000_000L, 100);
            }
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
        assertThat(rows().stream().mapToLong(Row::events).sum()).isEqualTo(20);
        assertThat(replaysSkipped()).isEqualTo(15);
    }

    /**
     * A dead letter counted before a restart is sent again when replayed (whether Kafka took the first
     * copy is known only at the commit, after the count was written) but not counted again; a valid
     * replayed record is neither sent nor counted.
     */
    @Test
    void aReplayedDeadLetterIsSentAgainAndNotCountedTwice() throws Exception {
        byte[] valid = factory(DataType.MARKET_DATA).next(0).value;
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
        for (int round = 0; round < 2; round++) {
            try (TopologyTestDriver driver = driver()) {
                TestInputTopic<byte[], byte[]> in = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
                TestOutputTopic<byte[], byte[]> dead = driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                sendAt(in, valid, clock.nanoTime() + 1_000_000L, 100);
                sendAt(in, truncated, clock.nanoTime() + 1_000_000L, 100);
                sendAt(in, valid, clock.nanoTime() + 1_000_000L, 100);
                driver.advanceWallClockTime(Duration.ofSeconds(1));
                List<TestRecord<byte[], byte[]>> dlq = dead.readRecordsToList();
                assertThat(dlq).as("round %d", round).singleElement().satisfies(r -> {
                    assertThat(new String(r.headers().lastHeader("obs-dlq-reason").value(), StandardCharsets.UTF_8)).startsWith("truncated: ");
                    assertThat(new String(r.headers().lastHeader("obs-dlq-origin").value(), StandardCharsets.UTF_8)).isEqualTo(MARKET + "/0/1");
                });
            }
        }
        assertThat(rows().stream().mapToLong(Row::events).sum()).isEqualTo(2);
        assertThat(rows().stream().mapToLong(Row::deadLettered).sum()).isEqualTo(1);
        assertThat(replaysSkipped()).isEqualTo(3);
    }

    /** A sink whose next writes fail as with PostgreSQL gone; {@code landFirst}: each failing write commits before the failure arrives. */
    static final class Outage implements WindowSink {
        final WindowSink real;
        final boolean landFirst;
        int failures;

        Outage(WindowSink real, int failures, boolean landFirst) {
            this.real = real;
            this.failures = failures;
            this.landFirst = landFirst;
        }

        @Override
        public java.util.Map<lab.performance.observatory.store.TopicPartitionRef, Long> progress(
                java.util.Collection<lab.performance.observatory.store.TopicPartitionRef> partitions) throws java.sql.SQLException {
            return real.progress(partitions);
        }

        @Override
        public void write(java.util.Collection<lab.performance.observatory.store.WindowDelta> rows, java.util.Collection<Advance> advances,
                          java.util.Collection<Replayed> replayed) throws java.sql.SQLException, lab.performance.observatory.store.SinkFencedException {
            if (failures > 0) {
                failures--;
                if (landFirst) {
                    real.write(rows, advances, replayed);
                }
                throw new java.sql.SQLException("An I/O error occurred while sending to the backend", "08006");
            }
            real.write(rows, advances, replayed);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "the failed write had landed: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void windowsWaitThroughASinkOutageAndAreWrittenOnceWhetherOrNotTheFailedWriteLanded(boolean landFirst) throws Exception {
        EventFactory market = factory(DataType.MARKET_DATA);
        Outage outage = new Outage(sink(), 2, landFirst);
        try (TopologyTestDriver driver = driver(outage)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
            for (int i = 0; i < 10; i++) {
                sendAt(in, market.next(0).value, clock.nanoTime() + 1_000_000L, 100);
            }
            driver.advanceWallClockTime(Duration.ofSeconds(1)); // fails: the ten wait
            for (int i = 0; i < 5; i++) {
                sendAt(in, market.next(0).value, clock.nanoTime() + 1_000_000L, 100);
            }
            driver.advanceWallClockTime(Duration.ofSeconds(1)); // fails again: the same ten, still in doubt
            driver.advanceWallClockTime(Duration.ofSeconds(1)); // settles the ten
            driver.advanceWallClockTime(Duration.ofSeconds(1)); // writes the five
        }
        assertThat(outage.failures).isZero();
        assertThat(rows().stream().mapToLong(Row::events).sum()).isEqualTo(15);
    }

    /** Replayed records of this test's run the sink skipped. */
    long replaysSkipped() throws Exception {
        return memory.replaysSkipped(runId);
    }

    @Test
    void closingFlushesWhatThePunctuationHasNotYetWritten() throws Exception {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(MARKET, new ByteArraySerializer(), new ByteArraySerializer());
            sendAt(in, factory(DataType.MARKET_DATA).next(0).value, 1_000_000L, 50);
        }
        assertThat(rows()).singleElement().satisfies(r -> assertThat(r.events()).isEqualTo(1));
    }
}
