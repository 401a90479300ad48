package lab.performance.observatory.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The lag exporter against a real KRaft broker, scraped over HTTP as Prometheus scrapes it: a group
 * that stops consuming (a paused pipeline) ages with wall time, drains to 0 when it resumes, an idle
 * partition stays at 0 s, and the drain ETA is there only while the backlog shrinks.
 */
class ConsumerLagExporterIT {

    private final EmbeddedStack stack = EmbeddedStack.get();
    private final String topic = "lag-exporter-" + UUID.randomUUID();
    private final String group = "paused-" + UUID.randomUUID();

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void send(KafkaProducer<byte[], byte[]> producer, int partition, int count) {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, partition, System.currentTimeMillis(), null, new byte[] {(byte) i}));
        }
        producer.flush();
    }

    /** Consumes up to {@code count} records of partition 0 (partition 1 is idle) and commits where it got to. */
    private void consumeAndCommit(KafkaConsumer<byte[], byte[]> consumer, long upTo) {
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long position = 0;
        while (position < upTo && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            for (var r : records.records(p0)) {
                position = r.offset() + 1;
                if (position == upTo) {
                    break;
                }
            }
        }
        consumer.commitSync(Map.of(p0, new OffsetAndMetadata(upTo), p1, new OffsetAndMetadata(consumer.position(p1))));
    }

    @Test
    void aPausedGroupAgesWithWallTimeDrainsToZeroOnResumeAndAnIdlePartitionStaysAtZero() throws Exception {
        stack.admin().createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        try (KafkaProducer<byte[], byte[]> producer = producer();
             LagExporter exporter = LagExporter.start(stack.bootstrapServers(), group::equals, "127.0.0.1", 0, NanoClock.system())) {
            send(producer, 0, 1000);
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                consumer.subscribe(List.of(topic));
                consumeAndCommit(consumer, 400);
            }
            // paused: nobody consumes; 600 records wait on partition 0, partition 1 has none
            String p0 = "partition=\"0\"";
            String p1 = "partition=\"1\"";
            Exposition first = Exposition.scrape(exporter.url());
            long firstAt = System.nanoTime();
            assertThat(first.value("observatory_consumer_lag_records", p0)).hasValue(600);
            assertThat(first.value("observatory_consumer_lag_records", p1)).hasValue(0);
            assertThat(first.value("observatory_consumer_lag_seconds", p1)).as("idle partition").hasValue(0);
            double age = first.value("observatory_consumer_lag_seconds", p0).orElseThrow();
            assertThat(age).isGreaterThanOrEqualTo(0).isLessThan(30);
            assertThat(first.value("observatory_lag_exporter_last_fetches")).as("one fetch for the one lagging partition").hasValue(1);
            assertThat(first.promtoolProblems()).isEmpty();

            Thread.sleep(2500);
            Exposition paused = Exposition.scrape(exporter.url());
            double waited = (System.nanoTime() - firstAt) / 1e9;
            assertThat(paused.value("observatory_consumer_lag_seconds", p0).orElseThrow() - age).as("grows with wall time")
                    .isCloseTo(waited, within(1.0));
            assertThat(paused.value("observatory_consumer_lag_seconds", p1)).hasValue(0);
            assertThat(paused.value("observatory_lag_exporter_last_fetches")).as("cached by offset: no fetch while stalled").hasValue(0);
            assertThat(paused.value("observatory_consumer_lag_drain_eta_seconds", p0)).as("not shrinking").isEmpty();
            assertThat(paused.value("observatory_consumer_group_lag_records")).hasValue(600);

            // resumed, part way: the backlog shrinks, so an ETA appears; more produced than consumed: it goes
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                consumer.subscribe(List.of(topic));
                consumeAndCommit(consumer, 700);
                Exposition shrinking = Exposition.scrape(exporter.url());
                assertThat(shrinking.value("observatory_consumer_lag_records", p0)).hasValue(300);
                assertThat(shrinking.value("observatory_consumer_lag_drain_eta_seconds", p0)).isPresent();
                assertThat(shrinking.value("observatory_consumer_lag_drain_eta_seconds", p0).getAsDouble()).isPositive();
                assertThat(shrinking.value("observatory_lag_exporter_last_fetches")).as("the commit moved: read again").hasValue(1);
                assertThat(shrinking.value("observatory_consumer_lag_seconds", p0)).isPresent();

                send(producer, 0, 2000);
                consumeAndCommit(consumer, 750);
                Exposition growing = Exposition.scrape(exporter.url());
                assertThat(growing.value("observatory_consumer_lag_records", p0)).hasValue(2250);
                assertThat(growing.value("observatory_consumer_lag_drain_eta_seconds", p0)).as("growing again").isEmpty();

                consumeAndCommit(consumer, 3000);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    Exposition drained = Exposition.scrape(exporter.url());
                    assertThat(drained.value("observatory_consumer_lag_records", p0)).hasValue(0);
                    assertThat(drained.value("observatory_consumer_lag_seconds", p0)).hasValue(0);
                    assertThat(drained.value("observatory_consumer_lag_drain_eta_seconds", p0)).isEmpty();
                    assertThat(drained.value("observatory_consumer_group_lag_seconds")).hasValue(0);
                });
            }
        }
    }

    @Test
    void theExpositionHasTheJvmMetersAndPassesPromtool() throws Exception {
        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0)) {
            Exposition e = Exposition.scrape(server.url());
            assertThat(e.has("jvm_memory_used_bytes")).isTrue();
            assertThat(e.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
            assertThat(e.has("process_cpu_usage")).isTrue();
            assertThat(e.promtoolProblems()).isEmpty();
        }
    }
}
