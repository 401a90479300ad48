package lab.performance.observatory.topology;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** What this topology instance reads and how; the CLI and the operator set these per benchmark. */
@ConfigMapping(prefix = "observatory.topology")
public interface TopologyConfig {

    /** {@code topic=data_type} per input topic. */
    List<String> inputs();

    /** Where records that cannot be decoded go, with the reason in a header. */
    String deadLetterTopic();

    /** copying (more strategies arrive with the zero-copy readers). */
    @WithDefault("copying")
    String strategy();

    /** Tumbling processing-time window length. */
    @WithDefault("1s")
    Duration window();

    /** How often windows are written to PostgreSQL and offsets committed. */
    @WithDefault("1s")
    Duration flushInterval();
}
