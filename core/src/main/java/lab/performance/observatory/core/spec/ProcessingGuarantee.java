package lab.performance.observatory.core.spec;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Kafka Streams' processing guarantee for a run's topology, chosen in the sink stage's config
 * ({@code processing_guarantee}; docs/reliability.md). Either way the window sink recognises records it
 * has already written (by input offset) and skips them, so PostgreSQL counts each event once;
 * {@code exactly_once_v2} also makes the dead-letter topic exactly-once for read_committed readers,
 * at the cost of a transaction per commit.
 */
public enum ProcessingGuarantee {
    AT_LEAST_ONCE("at_least_once"),
    EXACTLY_ONCE_V2("exactly_once_v2");

    private final String wireName;

    ProcessingGuarantee(String wireName) {
        this.wireName = wireName;
    }

    /** As Kafka Streams' {@code processing.guarantee} takes it, and as specs and reports write it. */
    public String wireName() {
        return wireName;
    }

    public static Optional<ProcessingGuarantee> fromWireName(String name) {
        return Arrays.stream(values()).filter(g -> g.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(ProcessingGuarantee::wireName).collect(Collectors.joining(", "));
    }
}
