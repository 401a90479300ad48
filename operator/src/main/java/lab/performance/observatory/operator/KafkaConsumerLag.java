package lab.performance.observatory.operator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.plan.LagScaling;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Lag from Kafka itself: end offsets of the topics minus the group's committed offsets, and the
 * consume rate from how far the committed offsets moved since the previous observation.
 */
@ApplicationScoped
public class KafkaConsumerLag implements ConsumerLag {

    static final long TIMEOUT_SECONDS = 10;

    private final Map<String, Admin> admins = new ConcurrentHashMap<>();
    private final Map<String, long[]> previous = new ConcurrentHashMap<>(); // group -> {epoch millis, committed total}

    @Override
    public Optional<LagScaling.Observation> observe(String bootstrapServers, String groupId, List<String> topics) {
        Admin admin = admins.computeIfAbsent(bootstrapServers, KafkaConsumerLag::admin);
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            long lag = 0;
            long done = 0;
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                long position = c == null ? 0 : c.offset();
                lag += Math.max(0, e.getValue() - position);
                done += position;
            }
            Instant now = Instant.now();
            long[] before = previous.put(groupId, new long[] {now.toEpochMilli(), done});
            double rate = before == null || now.toEpochMilli() <= before[0] ? 0
                    : (done - before[1]) * 1000.0 / (now.toEpochMilli() - before[0]);
            return Optional.of(new LagScaling.Observation(now, lag, Math.max(0, rate)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean consumingAll(String bootstrapServers, String groupId, List<String> topics) {
        Admin admin = admins.computeIfAbsent(bootstrapServers, KafkaConsumerLag::admin);
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (group.groupState() != GroupState.STABLE) {
                return false;
            }
            Set<TopicPartition> assigned = new HashSet<>();
            group.members().forEach(m -> assigned.addAll(m.assignment().topicPartitions()));
            Set<TopicPartition> wanted = new HashSet<>();
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> wanted.add(new TopicPartition(name, p.partition()))));
            return !wanted.isEmpty() && assigned.containsAll(wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "observatory-operator-lag");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        return Admin.create(props);
    }

    @PreDestroy
    void close() {
        admins.values().forEach(Admin::close);
    }
}
