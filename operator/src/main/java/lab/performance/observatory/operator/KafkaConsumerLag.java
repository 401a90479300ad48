package lab.performance.observatory.operator;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.lag.GroupLag;
import lab.performance.observatory.core.plan.LagScaling;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.observe.KafkaLagReader;
import lab.performance.observatory.lifecycle.KafkaConsumerGroups;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Consumer lag from Kafka itself, one admin client per cluster, through the lifecycle's shared {@link KafkaConsumerGroups}. */
@ApplicationScoped
public class KafkaConsumerLag implements ConsumerLag {

    static final long TIMEOUT_SECONDS = 10;

    private final Clock clock;
    private final Map<String, Admin> admins = new ConcurrentHashMap<>();
    private final Map<String, KafkaConsumerGroups> groups = new ConcurrentHashMap<>();
    private final Map<String, KafkaLagReader> readers = new ConcurrentHashMap<>();

    public KafkaConsumerLag(Clock clock) {
        this.clock = clock;
    }

    private KafkaConsumerGroups groups(String bootstrapServers) {
        return groups.computeIfAbsent(bootstrapServers, b -> new KafkaConsumerGroups(admins.computeIfAbsent(b, KafkaConsumerLag::admin), clock));
    }

    @Override
    public Optional<LagScaling.Observation> observe(String bootstrapServers, String groupId, List<String> topics) {
        try {
            return groups(bootstrapServers).observe(groupId, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public Optional<GroupLag> exact(String bootstrapServers, String groupId) {
        try {
            return readers.computeIfAbsent(bootstrapServers, b -> KafkaLagReader.connect(b, g -> true, NanoClock.system())).read(groupId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public boolean consumingAll(String bootstrapServers, String groupId, List<String> topics) {
        try {
            return groups(bootstrapServers).consumingAll(groupId, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        readers.values().forEach(KafkaLagReader::close);
    }
}
