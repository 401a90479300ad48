package lab.performance.observatory.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import lab.performance.observatory.core.lag.ConsumerLagTracker;
import lab.performance.observatory.core.lag.GroupLag;
import lab.performance.observatory.core.lag.PartitionOffsets;
import lab.performance.observatory.core.time.NanoClock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka side of exact consumer lag (the computation is {@link ConsumerLagTracker}'s): per read,
 * the groups, their committed offsets and the partitions' end offsets from the admin client, and
 * for each lagging partition whose committed offset moved since it was last read, the timestamp of
 * the record at that offset, fetched with a consumer that belongs to no group (so it commits
 * nothing and joins nothing) and reads one batch per partition. Reads are serialised (the consumer is not thread-safe).
 */
public final class KafkaLagReader implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What one read cost: partitions seen, records fetched for their timestamps, and the wall time. */
    public record Cost(int partitions, int fetches, Duration took) {
    }

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Predicate<String> groups;
    private final Duration rateWindow;
    private final Duration fetchTimeout;
    private final NanoClock clock;
    private final Map<String, ConsumerLagTracker> trackers = new ConcurrentHashMap<>();
    private long fetchesTotal;

    public KafkaLagReader(Admin admin, KafkaConsumer<byte[], byte[]> consumer, Predicate<String> groups, Duration rateWindow,
                          Duration fetchTimeout, NanoClock clock) {
        this.admin = admin;
        this.consumer = consumer;
        this.groups = groups;
        this.rateWindow = rateWindow;
        this.fetchTimeout = fetchTimeout;
        this.clock = clock;
    }

    /** A reader with its own admin client and timestamp consumer on {@code bootstrapServers}. */
    public static KafkaLagReader connect(String bootstrapServers, Predicate<String> groups, NanoClock clock) {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "observatory-lag-exporter");
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return new KafkaLagReader(Admin.create(admin), timestampConsumer(bootstrapServers), groups, Duration.ofSeconds(10),
                Duration.ofSeconds(2), clock);
    }

    /**
     * A consumer in no group that returns one batch per partition (a partition fetch limit of one
     * byte still returns the first batch whole), skips CRC checks, and starts from the earliest
     * retained record when a committed offset was already deleted by retention.
     */
    static KafkaConsumer<byte[], byte[]> timestampConsumer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "observatory-lag-timestamps");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1");
        props.put(ConsumerConfig.CHECK_CRCS_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every matching consumer group's lag now; a group that cannot be read is left out of this read. */
    public List<GroupLag> read() throws InterruptedException {
        return readWithCost().groups();
    }

    /** One read's groups with what it cost, and the fetches since the reader started. */
    public record Read(List<GroupLag> groups, Cost cost, long fetchesTotal) {
    }

    public synchronized Read readWithCost() throws InterruptedException {
        long start = clock.nanoTime();
        int partitions = 0;
        int fetches = 0;
        List<GroupLag> out = new ArrayList<>();
        try {
            Collection<GroupListing> listed = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (GroupListing g : listed) {
                if (!groups.test(g.groupId())) {
                    continue;
                }
                GroupRead read = readGroup(g.groupId());
                if (read == null) {
                    continue;
                }
                fetches += read.fetches();
                partitions += read.lag().partitions().size();
                out.add(read.lag());
            }
            trackers.keySet().retainAll(listed.stream().map(GroupListing::groupId).toList());
        } catch (ExecutionException | TimeoutException e) {
            // the cluster did not answer: no groups this time
        }
        return new Read(out, new Cost(partitions, fetches, Duration.ofNanos(clock.nanoTime() - start)), fetchesTotal);
    }

    /** One group's lag now, without listing the others (empty when it has no committed offsets or cannot be read). */
    public synchronized java.util.Optional<GroupLag> read(String group) throws InterruptedException {
        GroupRead read = readGroup(group);
        return read == null || read.lag().partitions().isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(read.lag());
    }

    private record GroupRead(GroupLag lag, int fetches) {
    }

    /** One group: its offsets, the timestamps its tracker still needs, its lag; null when it cannot be read. */
    private GroupRead readGroup(String group) throws InterruptedException {
        List<PartitionOffsets> offsets = offsets(group);
        if (offsets == null) {
            return null;
        }
        ConsumerLagTracker tracker = trackers.computeIfAbsent(group, id -> new ConsumerLagTracker(id, rateWindow));
        int fetches = fetchTimestamps(tracker, tracker.toFetch(offsets));
        fetchesTotal += fetches;
        return new GroupRead(tracker.lag(now(), offsets), fetches);
    }

    /** Committed and end offsets of every partition the group committed on; null when it cannot be read. */
    private List<PartitionOffsets> offsets(String group) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.forEach((tp, c) -> {
                if (c != null) {
                    latest.put(tp, OffsetSpec.latest());
                }
            });
            if (latest.isEmpty()) {
                return List.of();
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<PartitionOffsets> out = new ArrayList<>();
            ends.forEach((tp, end) -> out.add(new PartitionOffsets(tp.topic(), tp.partition(), committed.get(tp).offset(), end.offset())));
            out.sort(java.util.Comparator.comparing(PartitionOffsets::topic).thenComparingInt(PartitionOffsets::partition));
            return out;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    /** Reads the first record at or after each partition's committed offset; returns how many partitions were read. */
    private int fetchTimestamps(ConsumerLagTracker tracker, List<PartitionOffsets> needed) {
        if (needed.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, PartitionOffsets> wanted = new HashMap<>();
        needed.forEach(p -> wanted.put(new TopicPartition(p.topic(), p.partition()), p));
        consumer.assign(wanted.keySet());
        wanted.forEach((tp, p) -> consumer.seek(tp, p.committed()));
        long deadline = clock.nanoTime() + fetchTimeout.toNanos();
        int found = 0;
        try {
            while (!wanted.isEmpty() && clock.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    PartitionOffsets p = wanted.remove(tp);
                    if (p != null) {
                        tracker.found(p, record.timestamp());
                        consumer.pause(List.of(tp));
                        found++;
                    }
                }
            }
        } finally {
            consumer.assign(List.of());
        }
        return found + wanted.size();
    }

    private Instant now() {
        return Instant.ofEpochSecond(0, clock.epochNanos());
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
        admin.close(Duration.ofSeconds(2));
    }
}
