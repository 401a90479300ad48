package lab.performance.observatory.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.performance.observatory.core.report.SummaryTable;

/**
 * How a benchmark is laid out on a cluster: its topics, how many topology replicas process them
 * (initial, and the bounds lag-driven scaling stays within) with how many stream threads each, and
 * how many generators send.
 * Every number carries its reason.
 */
public record Plan(String benchmark, int brokers, String capacitySource, double peakEventsPerSecond,
                   List<TopicPlan> topics, Planned consumerReplicas, Planned minConsumerReplicas, Planned maxConsumerReplicas,
                   Planned streamThreads, Planned generatorParallelism) {

    public Plan {
        topics = List.copyOf(topics);
    }

    public List<TopicPlan> inputTopics() {
        return topics.stream().filter(t -> TopicPlan.INPUT.equals(t.role())).toList();
    }

    public TopicPlan deadLetterTopic() {
        return topics.stream().filter(t -> TopicPlan.DEAD_LETTER.equals(t.role())).findFirst()
                .orElseThrow(() -> new IllegalStateException("plan " + benchmark + " has no dead-letter topic"));
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Plan for %s on %d broker(s), peak %,.0f events/s, capacities from %s%n%n",
                benchmark, brokers, peakEventsPerSecond, capacitySource));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"topic", "role", "partitions", "replicas", "min ISR", "retention h", "segment MiB"});
        for (TopicPlan t : topics) {
            rows.add(new String[] {t.name(), t.role(), Long.toString(t.partitions().value()), Long.toString(t.replicationFactor().value()),
                    Long.toString(t.minInSyncReplicas().value()), String.format(Locale.ROOT, "%.1f", t.retentionMs().value() / 3_600_000.0),
                    Long.toString(t.segmentBytes().value() / (1024 * 1024))});
        }
        out.append(SummaryTable.table(rows, -1)).append('\n');
        for (TopicPlan t : topics) {
            out.append(t.name()).append(":\n");
            line(out, "partitions", t.partitions());
            line(out, "replication factor", t.replicationFactor());
            line(out, "min in-sync replicas", t.minInSyncReplicas());
            line(out, "retention ms", t.retentionMs());
            line(out, "segment bytes", t.segmentBytes());
        }
        out.append("topology:\n");
        line(out, "replicas", consumerReplicas);
        line(out, "at least", minConsumerReplicas);
        line(out, "at most", maxConsumerReplicas);
        line(out, "stream threads each", streamThreads);
        out.append("generator:\n");
        line(out, "parallelism", generatorParallelism);
        return out.toString();
    }

    private static void line(StringBuilder out, String what, Planned p) {
        out.append(String.format(Locale.ROOT, "  %-22s %,d  (%s)%n", what, p.value(), p.reason()));
    }
}
