package lab.performance.observatory.topology;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** What this topology instance reads and how; the CLI and the operator set these per benchmark. */
@ConfigMapping(prefix = "observatory.topology")
public interface TopologyConfig {

    /** {@code topic=data_type} per input topic. */
    List<String> inputs();

    /** Where records that cannot be decoded go, with the reason in a header. */
    String deadLetterTopic();

    /** copying (Avro SpecificDatumReader), zero-copy (flyweight views) or generic (GenericDatumReader). */
    @WithDefault("copying")
    String strategy();

    /**
     * The schema registry's Confluent-compatible API, e.g. {@code http://registry:8080/apis/ccompat/v7};
     * without it only single-object-framed records can be read.
     */
    Optional<URI> registryUrl();

    /** Tumbling processing-time window length. */
    @WithDefault("1s")
    Duration window();

    /**
     * Whether each event's end-to-end latency goes into the window histograms. Off only to measure
     * what recording it costs (the CLI's {@code --bare}); the report then has no end-to-end latency.
     */
    @WithDefault("true")
    boolean recordLatency();

    /**
     * Whether events, dead letters, decoded bytes and end-to-end latency are counted for Prometheus
     * ({@code /q/metrics}; the JVM's meters are there either way). Off only to measure what counting costs.
     */
    @WithDefault("true")
    boolean metrics();

    /**
     * The topic each closed window's summary is published to for live views (docs/api.md, "Live"),
     * keyed by run id; none when unset.
     */
    Optional<String> liveTopic();

    /** How often windows are written to PostgreSQL and offsets committed. */
    @WithDefault("1s")
    Duration flushInterval();
}
