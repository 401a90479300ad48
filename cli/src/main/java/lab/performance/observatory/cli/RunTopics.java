package lab.performance.observatory.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** The Kafka side of a run: its topics, and how many records each input partition holds. */
final class RunTopics implements AutoCloseable {

    private final Admin admin;

    RunTopics(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "observatory-cli");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        this.admin = Admin.create(props);
    }

    /** Creates the topics with {@code partitions} each, replicated as widely as the cluster allows (at most 3). */
    int create(Collection<String> topics, int partitions) throws ExecutionException, InterruptedException, TimeoutException {
        int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        short replication = (short) Math.max(1, Math.min(3, brokers));
        List<NewTopic> requests = new ArrayList<>();
        for (String topic : topics) {
            NewTopic t = new NewTopic(topic, partitions, replication);
            if (replication > 1) {
                t.configs(Map.of("min.insync.replicas", Integer.toString(replication - 1)));
            }
            requests.add(t);
        }
        admin.createTopics(requests).all().get(60, TimeUnit.SECONDS);
        return replication;
    }

    /** The log-end offset of every partition of the topics. */
    Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d ->
                d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    void delete(Collection<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
        admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
