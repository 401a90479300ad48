package lab.performance.observatory.lifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.audit.TopicCount;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.TopicPlan;
import lab.performance.observatory.core.report.RecordHeaders;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.DataType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The auditor's reading of Kafka (docs/reliability.md, "The auditor"): for each event type of a run,
 * the records its input topics gained from the run's first event on (offsets by time, every
 * partition), and the run's records in the dead-letter topic, read through, with their distinct
 * origins. Knows nothing of what the generator or the topology counted; {@code Audit} compares.
 */
public final class KafkaTopicCounter {

    /** Before the run's first intended send: records of an earlier run on the same topics are older still. */
    static final Duration BEFORE_GENERATION = Duration.ofSeconds(2);

    private final Properties client;
    private final Duration timeout;

    public KafkaTopicCounter(String bootstrapServers, Duration timeout) {
        this.client = new Properties();
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.timeout = timeout;
    }

    public List<TopicCount> count(RunFacts facts) throws Exception {
        Plan plan = facts.plan();
        if (plan == null) {
            throw new IllegalStateException("the run has no stored plan, so its topics are unknown");
        }
        Map<String, DataType> typeBySource = new HashMap<>();
        for (DataSourceSpec source : facts.spec().dataSources()) {
            typeBySource.put(source.name(), source.dataType());
        }
        Map<String, DataType> typeByTopic = new HashMap<>();
        for (TopicPlan topic : plan.inputTopics()) {
            DataType type = typeBySource.get(topic.source());
            if (type != null) {
                typeByTopic.put(topic.name(), type);
            }
        }
        long since = facts.generationStartedAt().minus(BEFORE_GENERATION).toEpochMilli();
        Map<DataType, long[]> counts = new EnumMap<>(DataType.class); // in topics, dead-letter records, distinct origins
        try (Admin admin = Admin.create(client)) {
            Map<TopicPartition, long[]> ranges = offsetRanges(admin, typeByTopic.keySet(), since);
            ranges.forEach((tp, range) -> counts.computeIfAbsent(typeByTopic.get(tp.topic()), t -> new long[3])[0] += range[1] - range[0]);
            Map<TopicPartition, long[]> deadLetters = offsetRanges(admin, Set.of(plan.deadLetterTopic().name()), since);
            readDeadLetters(deadLetters, facts.runId(), typeByTopic, counts);
        }
        List<TopicCount> out = new ArrayList<>();
        counts.forEach((type, c) -> out.add(new TopicCount(type, c[0], c[1], c[2])));
        return out;
    }

    /** Per partition of the topics: [first offset at or after {@code sinceMillis}, end offset]. */
    private Map<TopicPartition, long[]> offsetRanges(Admin admin, Set<String> topics, long sinceMillis) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((name, description) -> description.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> fromRun = new HashMap<>();
        partitions.forEach(tp -> {
            latest.put(tp, OffsetSpec.latest());
            fromRun.put(tp, OffsetSpec.forTimestamp(sinceMillis));
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(fromRun).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, long[]> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long end = ends.get(tp).offset();
            long start = starts.get(tp).offset(); // -1: no record that recent
            out.put(tp, new long[] {start < 0 ? end : start, end});
        }
        return out;
    }

    private void readDeadLetters(Map<TopicPartition, long[]> ranges, String runId, Map<String, DataType> typeByTopic,
                                 Map<DataType, long[]> counts) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<DataType, Set<String>> origins = new EnumMap<>(DataType.class);
        byte[] run = runId.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> toRead = ranges.entrySet().stream().filter(e -> e.getValue()[1] > e.getValue()[0]).map(Map.Entry::getKey).toList();
            consumer.assign(toRead);
            toRead.forEach(tp -> consumer.seek(tp, ranges.get(tp)[0]));
            long deadline = System.nanoTime() + timeout.toNanos();
            Set<TopicPartition> open = new HashSet<>(toRead);
            while (!open.isEmpty()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("the dead-letter topic was not read through within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ranges.get(tp)[1]) {
                        continue; // written after the count began (another run's)
                    }
                    Header runHeader = record.headers().lastHeader(RecordHeaders.RUN);
                    Header origin = record.headers().lastHeader(RecordHeaders.DEAD_LETTER_ORIGIN);
                    if (runHeader == null || origin == null || !java.util.Arrays.equals(runHeader.value(), run)) {
                        continue;
                    }
                    String from = new String(origin.value(), StandardCharsets.UTF_8); // topic/partition/offset
                    int slash = from.indexOf('/');
                    DataType type = slash < 0 ? null : typeByTopic.get(from.substring(0, slash));
                    if (type == null) {
                        continue;
                    }
                    counts.computeIfAbsent(type, t -> new long[3])[1]++;
                    origins.computeIfAbsent(type, t -> new HashSet<>()).add(from);
                }
                open.removeIf(tp -> consumer.position(tp) >= ranges.get(tp)[1]);
            }
        }
        origins.forEach((type, set) -> counts.get(type)[2] = set.size());
    }
}
