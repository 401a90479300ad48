package lab.performance.observatory.operator;

import java.util.List;
import java.util.Optional;
import lab.performance.observatory.core.plan.LagScaling;

/** How far a consumer group is behind on its topics, and how fast it is consuming. */
public interface ConsumerLag {

    /** Empty when the group or its topics cannot be read yet (not created, broker unreachable). */
    Optional<LagScaling.Observation> observe(String bootstrapServers, String groupId, List<String> topics);
}
