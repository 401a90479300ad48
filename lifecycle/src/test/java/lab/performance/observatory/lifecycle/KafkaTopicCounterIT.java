package lab.performance.observatory.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import lab.performance.observatory.core.audit.TopicCount;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.plan.TopicPlan;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The auditor's count on a real broker, with the topics a benchmark keeps across runs: an earlier
 * run's records are not this run's, another run's dead letters are not counted, and a dead letter
 * forwarded twice is one origin.
 */
class KafkaTopicCounterIT {

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: audited}
            spec:
              duration_seconds: 4
              data_sources:
                - {name: ticks, data_type: market_data, generation_rate: 100}
                - {name: logs, data_type: log_event, generation_rate: 100}
            """;

    @Test
    void countsTheRunsRecordsInItsTopicsAndItsDistinctDeadLetters() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        BenchmarkSpec spec = SpecParser.parse(SPEC);
        Plan plan = Planner.plan(spec, "obs.audit-" + UUID.randomUUID().toString().substring(0, 8), Cluster.local(1, 1), CapacityModel.DEFAULT);
        try (Admin admin = stack.admin()) {
            admin.createTopics(plan.topics().stream().map(t -> new NewTopic(t.name(), (int) t.partitions().value(), (short) 1)).toList())
                    .all().get();
        }
        String ticks = plan.inputTopics().stream().filter(t -> t.source().equals("ticks")).map(TopicPlan::name).findFirst().orElseThrow();
        String logs = plan.inputTopics().stream().filter(t -> t.source().equals("logs")).map(TopicPlan::name).findFirst().orElseThrow();
        String deadLetters = plan.deadLetterTopic().name();
        Instant earlierRun = Instant.now().minusSeconds(600);
        Instant start = Instant.now();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 50; i++) { // the previous run of the benchmark, ten minutes ago
                producer.send(new ProducerRecord<>(ticks, null, earlierRun.toEpochMilli() + i, null, new byte[10])).get();
            }
            producer.send(deadLetter(deadLetters, earlierRun, "earlier-run", ticks + "/0/3")).get();
            for (int i = 0; i < 300; i++) {
                producer.send(new ProducerRecord<>(ticks, null, start.toEpochMilli() + i, null, new byte[10]));
                if (i < 120) {
                    producer.send(new ProducerRecord<>(logs, null, start.toEpochMilli() + i, null, new byte[10]));
                }
            }
            producer.send(deadLetter(deadLetters, start, "this-run", ticks + "/0/60"));
            producer.send(deadLetter(deadLetters, start, "this-run", ticks + "/0/61"));
            producer.send(deadLetter(deadLetters, start, "this-run", ticks + "/0/61")); // forwarded again after a crash
            producer.send(deadLetter(deadLetters, start, "this-run", logs + "/0/7"));
            producer.send(deadLetter(deadLetters, start, "another-run", logs + "/0/8"));
            producer.flush();
        }
        RunFacts facts = new RunFacts("this-run", spec, "completed", start, start.plusSeconds(4), start.plusSeconds(6),
                new RunFacts.Drain(true, 1, 0), Map.of(), Map.of(), plan);

        List<TopicCount> counts = new KafkaTopicCounter(stack.bootstrapServers(), Duration.ofSeconds(30)).count(facts);

        assertThat(counts).containsExactlyInAnyOrder(new TopicCount(DataType.MARKET_DATA, 300, 3, 2), new TopicCount(DataType.LOG_EVENT, 120, 1, 1));
    }

    static ProducerRecord<byte[], byte[]> deadLetter(String topic, Instant at, String runId, String origin) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, at.toEpochMilli(), null, new byte[] {1});
        record.headers().add(new RecordHeader(lab.performance.observatory.core.report.RecordHeaders.RUN, runId.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader(lab.performance.observatory.core.report.RecordHeaders.DEAD_LETTER_ORIGIN, origin.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
