package lab.performance.observatory.operator;

import java.util.List;
import java.util.Optional;
import lab.performance.observatory.core.lag.GroupLag;
import lab.performance.observatory.core.plan.LagScaling;

/** How far a consumer group is behind on its topics, how fast it is consuming, and whether it is consuming at all. */
public interface ConsumerLag {

    /**
     * Whether the group is stable with every partition of the topics assigned to a member: a
     * topology that says it is ready may still wait for a rebalance (a restarted member holds its
     * partitions until its session times out), and events sent before then queue up as lag.
     */
    boolean consumingAll(String bootstrapServers, String groupId, List<String> topics);

    /** Empty when the group or its topics cannot be read yet (not created, broker unreachable). */
    Optional<LagScaling.Observation> observe(String bootstrapServers, String groupId, List<String> topics);

    /** The group's exact lag (records, and seconds from the record at each committed offset), for the report; empty when unreadable. */
    Optional<GroupLag> exact(String bootstrapServers, String groupId);
}
