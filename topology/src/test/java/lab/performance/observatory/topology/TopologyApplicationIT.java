package lab.performance.observatory.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.generator.LoadGenerator;
import lab.performance.observatory.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import lab.performance.observatory.observe.Exposition;
import org.junit.jupiter.api.Test;

/** The Quarkus application on the real broker and PostgreSQL: generated events end up as windows. */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackResource.class)
class TopologyApplicationIT {

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @TestHTTPResource("/q/metrics")
    URL metrics;

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: quarkus-test}
            spec:
              duration_seconds: 3
              data_sources:
                - {name: ticks, data_type: market_data, generation_rate: 800}
                - {name: sensors, data_type: iot_sensor, generation_rate: 400, pattern: {type: bursty, burst_multiplier: 3, burst_seconds: 0.5, quiet_seconds: 1}}
            """;

    @Test
    void generatedEventsAreAllCountedInPostgres() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).until(() -> get(http, ready.toURI()).statusCode() == 200);

        EmbeddedStack stack = EmbeddedStack.get();
        BenchmarkSpec spec = SpecParser.parse(SPEC);
        LoadGenerator.Result result;
        try (Producer<byte[], byte[]> producer = LoadGenerator.kafkaProducer(
                LoadGenerator.producerProperties(stack.bootstrapServers(), "quarkus-test", spec.producer()))) {
            result = new LoadGenerator(spec, EmbeddedStackResource.RUN, producer, NanoClock.system()).run(c -> { }, Duration.ofSeconds(1));
        }
        // three records no decoder accepts, with the headers a generator would give them
        try (Producer<byte[], byte[]> raw = LoadGenerator.kafkaProducer(
                LoadGenerator.producerProperties(stack.bootstrapServers(), "quarkus-test-raw", spec.producer()))) {
            for (int i = 0; i < 3; i++) {
                org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> bad = new org.apache.kafka.clients.producer.ProducerRecord<>(
                        EmbeddedStackResource.TICKS, new byte[] {1}, new byte[] {0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42});
                bad.headers().add("obs-run", EmbeddedStackResource.RUN.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                bad.headers().add("obs-intended-ns", Long.toString(System.currentTimeMillis() * 1_000_000L).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                raw.send(bad).get();
            }
        }
        long acked = result.sources().stream().mapToLong(c -> c.acked()).sum();
        assertThat(acked).isEqualTo(result.sources().stream().mapToLong(c -> c.sent()).sum()).isGreaterThan(3000);

        Map<TopicPartition, Long> ends = endOffsets(stack, List.of(EmbeddedStackResource.TICKS, EmbeddedStackResource.SENSORS));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> progress().equals(ends));
        assertThat(processed()).isEqualTo(acked);
        assertThat(deadLettered()).isEqualTo(3);

        Exposition scrape = Exposition.scrape(metrics.toString());
        long ticks = result.sources().get(0).acked();
        long sensors = result.sources().get(1).acked();
        String market = "event_type=\"market_data\"";
        String iot = "event_type=\"iot_sensor\"";
        assertThat(scrape.value("observatory_topology_events_processed_total", market)).hasValue(ticks);
        assertThat(scrape.value("observatory_topology_events_processed_total", iot)).hasValue(sensors);
        // one end-to-end latency per processed event, in buckets
        assertThat(scrape.value("observatory_topology_end_to_end_latency_seconds_count", market)).hasValue(ticks);
        assertThat(scrape.value("observatory_topology_end_to_end_latency_seconds_bucket", market, "le=\"+Inf\"")).hasValue(ticks);
        assertThat(scrape.value("observatory_topology_end_to_end_latency_seconds_bucket", market, "le=\"0.001\"")).isPresent();
        assertThat(scrape.value("observatory_topology_decoded_received_bytes_total", market).orElseThrow()).isPositive();
        assertThat(scrape.value("observatory_topology_decoded_copied_bytes_total", market)).isPresent();
        assertThat(scrape.value("observatory_topology_records_bytes_total", market).orElseThrow()).isPositive();
        assertThat(scrape.value("observatory_topology_sink_flush_seconds_count").orElseThrow()).isPositive();
        // the dead letters, by type and reason, as many as PostgreSQL counted
        assertThat(scrape.value("observatory_topology_events_dead_lettered_total", market, "reason=\"bad-magic\"")).hasValue(3);
        assertThat(scrape.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
        assertThat(scrape.promtoolProblems()).isEmpty();
    }

    static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<TopicPartition, Long> endOffsets(EmbeddedStack stack, List<String> topics) throws Exception {
        try (Admin admin = stack.admin()) {
            Map<TopicPartition, OffsetSpec> request = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    static Map<TopicPartition, Long> progress() throws Exception {
        try (Connection c = EmbeddedStack.get().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT topic, kafka_partition, next_offset FROM sink_progress WHERE application_id = ?")) {
            s.setString(1, EmbeddedStackResource.APPLICATION_ID);
            try (ResultSet rs = s.executeQuery()) {
                Map<TopicPartition, Long> out = new java.util.HashMap<>();
                while (rs.next()) {
                    out.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
                return out;
            }
        }
    }

    /** Events processed and dead-lettered in this run's windows. */
    static long processed() throws Exception {
        return sum("events");
    }

    static long deadLettered() throws Exception {
        return sum("dead_lettered");
    }

    private static long sum(String column) throws Exception {
        try (Connection c = EmbeddedStack.get().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT coalesce(sum(" + column + "), 0) FROM window_metrics WHERE run_id = ?")) {
            s.setString(1, EmbeddedStackResource.RUN);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
