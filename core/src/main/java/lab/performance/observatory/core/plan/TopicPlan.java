package lab.performance.observatory.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One topic of a plan: its Kafka name, what it carries ({@code source} names the data source of an
 * input topic; null for the dead-letter topic), and every setting with its reason.
 */
public record TopicPlan(String name, String role, @JsonInclude(JsonInclude.Include.NON_NULL) String source, Planned partitions, Planned replicationFactor, Planned minInSyncReplicas,
                        Planned retentionMs, Planned segmentBytes) {

    public static final String INPUT = "input";
    public static final String DEAD_LETTER = "dead-letter";
}
