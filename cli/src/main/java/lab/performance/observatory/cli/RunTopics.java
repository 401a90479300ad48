package lab.performance.observatory.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lab.performance.observatory.core.plan.TopicPlan;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The Kafka side of a local run: the brokers there are, and the run's topics created as planned and deleted afterwards. */
final class RunTopics implements AutoCloseable {

    private final Admin admin;

    RunTopics(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "observatory-cli");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        this.admin = Admin.create(props);
    }

    Admin admin() {
        return admin;
    }

    /** Brokers in the cluster: what the plan's replication is bounded by. */
    int brokers() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
    }

    /** How many partitions of {@code topics} each broker leads, by broker id (partitions without a leader left out). */
    Map<Integer, Long> leaders(Collection<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
        Map<Integer, Long> out = new java.util.TreeMap<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d -> d.partitions().forEach(p -> {
            if (p.leader() != null) {
                out.merge(p.leader().id(), 1L, Long::sum);
            }
        }));
        return out;
    }

    /** Creates each topic with the plan's partitions, replication, min ISR, retention and segment size. */
    void create(Collection<TopicPlan> topics) throws ExecutionException, InterruptedException, TimeoutException {
        List<NewTopic> requests = new ArrayList<>();
        for (TopicPlan t : topics) {
            requests.add(new NewTopic(t.name(), (int) t.partitions().value(), (short) t.replicationFactor().value())
                    .configs(Map.of("min.insync.replicas", Long.toString(t.minInSyncReplicas().value()),
                            "retention.ms", Long.toString(t.retentionMs().value()),
                            "segment.bytes", Long.toString(t.segmentBytes().value()))));
        }
        admin.createTopics(requests).all().get(60, TimeUnit.SECONDS);
    }

    /**
     * The cluster's live topic (docs/api.md, "Live"), created when missing: one partition, an hour of
     * summaries (a few KB per second), shared by every run and never deleted by one.
     */
    void ensureLive(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
            return;
        }
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) Math.min(3, brokers())).configs(Map.of("retention.ms", "3600000"))))
                    .all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e;
            }
        }
    }

    /** An admin client of the cluster whose live topic now exists (what the API subscribes to from its start). */
    static RunTopics ensuringLive(String bootstrapServers) throws ExecutionException, InterruptedException, TimeoutException {
        RunTopics topics = new RunTopics(bootstrapServers);
        try {
            topics.ensureLive(lab.performance.observatory.core.lifecycle.TopologyLaunch.DEFAULT_LIVE_TOPIC);
            return topics;
        } catch (ExecutionException | InterruptedException | TimeoutException | RuntimeException e) {
            topics.close();
            throw e;
        }
    }

    /**
     * Sets one config of a topic, or with a null value removes the topic's own value (back to the
     * broker's default).
     */
    void setConfig(String topic, String key, String value) throws ExecutionException, InterruptedException, TimeoutException {
        org.apache.kafka.common.config.ConfigResource resource =
                new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        org.apache.kafka.clients.admin.AlterConfigOp op = value == null
                ? new org.apache.kafka.clients.admin.AlterConfigOp(new org.apache.kafka.clients.admin.ConfigEntry(key, ""),
                        org.apache.kafka.clients.admin.AlterConfigOp.OpType.DELETE)
                : new org.apache.kafka.clients.admin.AlterConfigOp(new org.apache.kafka.clients.admin.ConfigEntry(key, value),
                        org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get(30, TimeUnit.SECONDS);
    }

    void delete(Collection<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
        admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
