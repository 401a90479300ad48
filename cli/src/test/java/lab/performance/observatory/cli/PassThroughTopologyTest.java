package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import lab.performance.observatory.core.time.ManualNanoClock;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The ceiling's pass-through on Kafka Streams' test driver: everything forwarded as it came, each event timed from its intended time. */
class PassThroughTopologyTest {

    static final long SECOND = 1_000_000_000L;

    static final String INTENDED = lab.performance.observatory.core.report.RecordHeaders.INTENDED;

    static org.apache.kafka.common.header.Headers intended(long nanos) {
        var h = new org.apache.kafka.common.header.internals.RecordHeaders();
        h.add(new RecordHeader(INTENDED, Long.toString(nanos).getBytes(StandardCharsets.US_ASCII)));
        h.add(new RecordHeader("other", new byte[] {1, 2}));
        return h;
    }

    /** Moves a manual clock to an epoch instant. */
    static void at(ManualNanoClock clock, long epochNanos) {
        clock.advance(epochNanos - clock.epochNanos());
    }

    @Test
    void forwardsKeysValuesAndHeadersUnchangedAndTimesOnlyTheMeasuredInterval() {
        ManualNanoClock clock = new ManualNanoClock(0);
        // 2 s of warm-up in a 5 s run: events intended from 2 s to 5 s after the first count
        ProbeLatency latency = new ProbeLatency(Duration.ofSeconds(2), Duration.ofSeconds(5), clock);
        long t0 = 1_700_000_000L * SECOND;
        try (TopologyTestDriver driver = new TopologyTestDriver(PassThroughTopology.build(List.of("a", "b"), "out", latency),
                PassThroughTopology.properties("unused:9092", "pass-test", 1, "at_least_once", System.getProperty("java.io.tmpdir")))) {
            TestInputTopic<byte[], byte[]> a = driver.createInputTopic("a", new ByteArraySerializer(), new ByteArraySerializer());
            TestInputTopic<byte[], byte[]> b = driver.createInputTopic("b", new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", new ByteArrayDeserializer(), new ByteArrayDeserializer());
            long[] offsets = {0, SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND, 5 * SECOND};
            long[] latencies = {7, 7, 3, 5, 9, 100}; // ms
            for (int i = 0; i < offsets.length; i++) {
                at(clock, t0 + offsets[i] + latencies[i] * 1_000_000);
                (i % 2 == 0 ? a : b).pipeInput(new TestRecord<>(new byte[] {(byte) i}, new byte[] {(byte) i, 42}, intended(t0 + offsets[i])));
            }
            at(clock, t0 + 6 * SECOND);
            a.pipeInput(new TestRecord<>(new byte[] {9}, new byte[] {9})); // no intended time: forwarded, not timed
            List<TestRecord<byte[], byte[]>> forwarded = out.readRecordsToList();
            assertThat(forwarded).hasSize(7);
            assertThat(forwarded.get(3).value()).containsExactly(3, 42);
            assertThat(forwarded.get(3).key()).containsExactly(3);
            assertThat(forwarded.get(3).headers().lastHeader(INTENDED).value())
                    .isEqualTo(Long.toString(t0 + 3 * SECOND).getBytes(StandardCharsets.US_ASCII));
            assertThat(forwarded.get(3).headers().lastHeader("other").value()).containsExactly(1, 2);
        }
        // measured: the events intended at 2, 3 and 4 s (3, 5 and 9 ms); not the warm-up's nor the one at the run's end
        ProbeLatency.Result r = latency.result();
        assertThat(r.events()).isEqualTo(3);
        assertThat(r.p50Ms()).isBetween(4.99, 5.01);
        assertThat(r.p99Ms()).isBetween(8.99, 9.01);
        assertThat(ProbeLatency.Result.parse(r.line())).isEqualTo(r);
    }

    @Test
    void aResultLineIsReadBackOrRefused() {
        ProbeLatency.Result r = new ProbeLatency.Result(120, 1.5, 7.25, 11.125);
        assertThat(ProbeLatency.Result.parse(r.line())).isEqualTo(r);
        assertThatThrownBy(() -> ProbeLatency.Result.parse("something else")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProbeLatency.Result.parse(ProbeLatency.RESULT_PREFIX + "1 2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cpuOverTheMeasuredIntervalComesFromTheSamplesNearestItsEnds() {
        java.util.NavigableMap<java.time.Instant, Double> samples = new java.util.TreeMap<>();
        java.time.Instant t = java.time.Instant.parse("2026-12-04T12:00:00Z");
        for (int s = 0; s <= 10; s++) {
            samples.put(t.plusSeconds(s), 0.5 * s); // half a core
        }
        assertThat(CeilingProbes.cpuBetween(samples, t.plusMillis(2500), t.plusMillis(8500))).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(CeilingProbes.cpuBetween(samples, t.plusSeconds(20), t.plusSeconds(30))).isNull();
    }
}
