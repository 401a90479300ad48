package lab.performance.observatory.operator;

import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lab.performance.observatory.core.plan.LagScaling;

/**
 * Lag the mock API server cannot have (it runs no Kafka): tests set a group's backlog and rate.
 * {@link KafkaConsumerLag} itself is tested against the real broker.
 */
@Mock
@ApplicationScoped
public class SimulatedConsumerLag implements ConsumerLag {

    private final Map<String, long[]> lagByGroup = new ConcurrentHashMap<>(); // {records, consumed per second}

    void set(String groupId, long records, long perSecond) {
        lagByGroup.put(groupId, new long[] {records, perSecond});
    }

    /** The mock server runs no topology: its group counts as consuming once the Deployment is ready. */
    @Override
    public boolean consumingAll(String bootstrapServers, String groupId, List<String> topics) {
        return true;
    }

    /** No exact lag without Kafka: the report of a run on the mock server has no lag samples. */
    @Override
    public Optional<lab.performance.observatory.core.lag.GroupLag> exact(String bootstrapServers, String groupId) {
        return Optional.empty();
    }

    @Override
    public Optional<LagScaling.Observation> observe(String bootstrapServers, String groupId, List<String> topics) {
        long[] lag = lagByGroup.get(groupId);
        return lag == null ? Optional.empty() : Optional.of(new LagScaling.Observation(Instant.now(), lag[0], lag[1]));
    }
}
