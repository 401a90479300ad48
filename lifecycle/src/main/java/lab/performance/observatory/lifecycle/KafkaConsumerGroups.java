package lab.performance.observatory.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lab.performance.observatory.core.plan.LagScaling;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * What Kafka says about a topology's consumer group, for every executor: whether it is stable with
 * every input partition assigned (the end of provisioning), and how far it is behind (end offsets
 * minus committed offsets) with the rate its commits moved at since the previous look.
 */
public final class KafkaConsumerGroups {

    static final long TIMEOUT_SECONDS = 10;

    private record Seen(Instant at, long committed) {
    }

    private final Admin admin;
    private final Clock clock;
    private final Map<String, Seen> previous = new ConcurrentHashMap<>();

    public KafkaConsumerGroups(Admin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    /** Stable, and every partition of the topics assigned to a member; false while the group or topics cannot be read. */
    public boolean consumingAll(String groupId, List<String> topics) throws InterruptedException {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (group.groupState() != GroupState.STABLE) {
                return false;
            }
            Set<TopicPartition> assigned = new HashSet<>();
            group.members().forEach(m -> assigned.addAll(m.assignment().topicPartitions()));
            Set<TopicPartition> wanted = partitions(topics);
            return !wanted.isEmpty() && assigned.containsAll(wanted);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** The group's lag in records and its consume rate; empty while the group or its topics cannot be read. */
    public Optional<LagScaling.Observation> observe(String groupId, List<String> topics) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions(topics).forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            long lag = 0;
            long done = 0;
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
                long end = e.getValue().offset();
                OffsetAndMetadata c = committed.get(e.getKey());
                long position = c == null ? 0 : c.offset();
                lag += Math.max(0, end - position);
                done += position;
            }
            Instant now = clock.instant();
            Seen before = previous.put(groupId, new Seen(now, done));
            long millis = before == null ? 0 : now.toEpochMilli() - before.at().toEpochMilli();
            double rate = millis <= 0 ? 0 : (done - before.committed()) * 1000.0 / millis;
            return Optional.of(new LagScaling.Observation(now, lag, Math.max(0, rate)));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private Set<TopicPartition> partitions(List<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
        Set<TopicPartition> out = new HashSet<>();
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((name, description) ->
                description.partitions().forEach(p -> out.add(new TopicPartition(name, p.partition()))));
        return out;
    }
}
