package lab.performance.observatory.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import lab.performance.observatory.core.report.GeneratorWindow;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.stack.EmbeddedStack;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import lab.performance.observatory.observe.Exposition;
import lab.performance.observatory.observe.MetricsServer;
import org.junit.jupiter.api.Test;

/**
 * The generator against the real broker. What it must get right whatever the machine's speed: every
 * event of the schedule is sent and acknowledged once, stamped with the instant the schedule gave
 * it, so each second of intended time holds exactly that second's events (a generator that fell
 * behind would send late, never fewer or moved). Its speed is a benchmark's business, not a test's.
 */
class LoadGeneratorIT {

    @Test
    void everySecondOfTheScheduleHoldsExactlyItsEventsTwoStreamsOfTenThousand() throws Exception {
        BenchmarkSpec spec = SpecParser.parse("""
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: rate}
                spec:
                  duration_seconds: 10
                  warmup_seconds: 2
                  concurrent_streams: 2
                  data_sources:
                    - {name: ticks, data_type: market_data, generation_rate: 10000}
                """);
        String runId = "rate-" + UUID.randomUUID();
        RunNaming naming = new RunNaming(runId);
        String topic = naming.topicOf(spec.dataSources().get(0));
        EmbeddedStack stack = EmbeddedStack.get();
        stack.admin().createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        LoadGenerator.Result result;
        Exposition metrics;
        try (Producer<byte[], byte[]> producer = LoadGenerator.kafkaProducer(
                LoadGenerator.producerProperties(stack.bootstrapServers(), "rate-test", spec.producer()));
             MetricsServer server = MetricsServer.start("127.0.0.1", 0)) {
            result = new LoadGenerator(spec, naming, producer, null, NanoClock.system(), server.registry()).run(counters -> { },
                    Duration.ofSeconds(1));
            metrics = Exposition.scrape(server.url());
        }
        SourceCounters ticks = result.sources().get(0);
        assertThat(result.completed()).isTrue();
        assertThat(ticks.sent()).isEqualTo(200_000);
        assertThat(ticks.acked()).isEqualTo(200_000);
        assertThat(ticks.failed()).isZero();

        // every event has its slip and publish latency in exactly one window
        Histogram slip = LatencyHistograms.newHistogram();
        Histogram publish = LatencyHistograms.newHistogram();
        for (GeneratorWindow w : ticks.windows()) {
            slip.add(w.slipMicros());
            publish.add(w.publishMicros());
        }
        assertThat(slip.getTotalCount()).isEqualTo(200_000);
        assertThat(publish.getTotalCount()).isEqualTo(200_000);

        // Prometheus sees the same counts, and both latencies as histograms with a bucket per event
        String source = "source=\"ticks\"";
        assertThat(metrics.value("observatory_generator_events_sent_total", source)).hasValue(200_000);
        assertThat(metrics.value("observatory_generator_events_acknowledged_total", source)).hasValue(200_000);
        assertThat(metrics.value("observatory_generator_events_failed_total", source)).hasValue(0);
        assertThat(metrics.value("observatory_generator_schedule_slip_seconds_count", source)).hasValue(200_000);
        assertThat(metrics.value("observatory_generator_publish_latency_seconds_bucket", source, "le=\"+Inf\"")).hasValue(200_000);
        assertThat(metrics.value("observatory_generator_publish_latency_seconds_bucket", source, "le=\"0.001\"")).isPresent();
        assertThat(metrics.promtoolProblems()).isEmpty();

        // read back, by intended send time: each of the ten seconds holds exactly its 20,000 events
        long start = result.startedAt().getEpochSecond() * 1_000_000_000L + result.startedAt().getNano();
        Map<Long, Long> perSecond = new TreeMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "read-" + runId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read < 200_000 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    long intended = Long.parseLong(new String(r.headers().lastHeader("obs-intended-ns").value(), StandardCharsets.US_ASCII));
                    assertThat(new String(r.headers().lastHeader("obs-run").value(), StandardCharsets.UTF_8)).isEqualTo(runId);
                    assertThat(r.timestamp()).isEqualTo(intended / 1_000_000);
                    perSecond.merge((intended - start) / 1_000_000_000L, 1L, Long::sum);
                    read++;
                }
            }
        }
        assertThat(read).isEqualTo(200_000);
        assertThat(perSecond).hasSize(10).allSatisfy((second, count) -> assertThat(count).as("second %d", second).isEqualTo(20_000));
        System.out.printf("generator: 200,000 events in 10 s of schedule; slip p99 %.3f ms, publish p99 %.3f ms%n",
                LatencyHistograms.percentileMillis(slip, 99), LatencyHistograms.percentileMillis(publish, 99));
    }
}
