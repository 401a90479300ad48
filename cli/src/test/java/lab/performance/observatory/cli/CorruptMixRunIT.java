package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import lab.performance.observatory.schemas.CorruptRecords;
import lab.performance.observatory.stack.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with 1 % corrupt records of every class mixed into its streams: each is dead-lettered with
 * the reason of its class and counted, nothing is lost, the run keeps its targets, and the
 * auditor's own count of the topics, dead letters included, agrees.
 */
class CorruptMixRunIT {

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: corrupt-mix}
            spec:
              duration_seconds: 8
              warmup_seconds: 1
              data_sources:
                - {name: ticks, data_type: market_data, generation_rate: 2000, corrupt_fraction: 0.01}
                - {name: logs, data_type: log_event, generation_rate: 1000, corrupt_fraction: 0.01}
              performance_targets: {min_throughput_eps: 2500}
            """;

    @TempDir
    Path dir;

    @Test
    void everyCorruptRecordIsDeadLetteredWithItsReasonAndTheAuditAgrees() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        Path spec = dir.resolve("corrupt.yaml");
        Files.writeString(spec, SPEC);
        Path out = dir.resolve("out");
        CliHarness.Result run = CliHarness.run("run", spec.toString(), "--out", out.toString(), "--data-dir", dir.resolve("data").toString(),
                "--bootstrap-servers", stack.bootstrapServers(), "--jdbc-url", stack.jdbcUrl(), "--keep-topics", "--no-profile");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8));
        JsonNode events = report.get("events");
        long corrupt = events.get("corrupt_sent").asLong();
        // 1 % of 24,000 is 240 (a binomial draw: sd about 15)
        assertThat(corrupt).isBetween(180L, 300L);
        assertThat(events.get("dead_lettered").asLong()).isEqualTo(corrupt);
        assertThat(events.get("lost").asLong()).isZero();
        assertThat(events.get("send_failed").asLong()).isZero();
        assertThat(report.at("/targets/met").asBoolean()).as(report.get("targets").toString()).isTrue();
        assertThat(report.at("/audit/verdict").asText()).as(report.get("audit").toString()).isEqualTo("agrees");
        assertThat(report.at("/audit/by_type/market_data/dead_letter_records").asLong()
                + report.at("/audit/by_type/log_event/dead_letter_records").asLong()).isEqualTo(corrupt);
        assertThat(run.out()).contains("Corrupt mix: " + corrupt + " corrupt records sent, " + corrupt + " dead-lettered");

        // the dead-letter topic: every record with a reason of its class, every class there
        String deadLetters = null;
        for (JsonNode topic : report.at("/plan/topics")) {
            if (topic.get("role").asText().equals("dead-letter")) {
                deadLetters = topic.get("name").asText();
            }
        }
        Map<String, Integer> reasons = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(stack.bootstrapServers(), deadLetters)) {
            Header reason = record.headers().lastHeader("obs-dlq-reason");
            String text = new String(reason.value(), StandardCharsets.UTF_8);
            reasons.merge(text.substring(0, text.indexOf(':')), 1, Integer::sum);
        }
        assertThat(reasons.values().stream().mapToInt(Integer::intValue).sum()).as(reasons.toString()).isEqualTo((int) corrupt);
        Set<String> allowed = new HashSet<>();
        for (CorruptRecords.Corruption c : CorruptRecords.Corruption.values()) {
            c.rejectedAs().forEach(r -> allowed.add(r.code()));
        }
        assertThat(allowed).containsAll(reasons.keySet());
        assertThat(reasons.keySet()).contains("bad-magic", "unknown-schema-id", "wrong-type");
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "corrupt-mix-it");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new java.util.ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
                var records = consumer.poll(Duration.ofMillis(500));
                records.forEach(out::add);
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
            }
        }
        return out;
    }
}
