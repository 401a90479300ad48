package lab.performance.observatory.core.plan;

/** One topic of a plan: its Kafka name, what it carries, and every setting with its reason. */
public record TopicPlan(String name, String role, Planned partitions, Planned replicationFactor, Planned minInSyncReplicas,
                        Planned retentionMs, Planned segmentBytes) {

    public static final String INPUT = "input";
    public static final String DEAD_LETTER = "dead-letter";
}
