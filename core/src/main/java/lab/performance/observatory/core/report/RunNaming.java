package lab.performance.observatory.core.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import lab.performance.observatory.core.spec.DataSourceSpec;

/**
 * Names of one run's Kafka resources. A local run gets its own topics and consumer group, so runs
 * never see each other's records; on Kubernetes the topics belong to the benchmark (its
 * {@code topicPrefix}) and runs are told apart by the run header every event carries.
 */
public record RunNaming(String runId, String topicPrefix) {

    /** A local run: topics {@code obs.<runId>.<source>}. */
    public RunNaming(String runId) {
        this(runId, "obs." + runId);
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    /** {@code <benchmark>-<UTC timestamp>-<4 hex digits>}, e.g. {@code baseline-20261127T101500-3fa2}. */
    public static String newRunId(String benchmark, Instant now, RandomGenerator random) {
        return benchmark + "-" + STAMP.format(now) + "-" + HexFormat.of().toHexDigits((short) random.nextInt(1 << 16));
    }

    public String topicOf(DataSourceSpec source) {
        return topicOf(source.name());
    }

    public String topicOf(String sourceName) {
        return topicPrefix + "." + sourceName;
    }

    public String deadLetterTopic() {
        return topicPrefix + ".dead-letter";
    }

    /** Kafka Streams application id, hence also the consumer group and the sink's progress key. */
    public String applicationId() {
        return "obs-topology-" + runId;
    }
}
