package lab.performance.observatory.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import lab.performance.observatory.core.lifecycle.TopologyLaunch;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;
import org.junit.jupiter.api.Test;

/**
 * On Kubernetes a run's topology settings arrive as environment variables, and MicroProfile Config
 * lets one override a pass-through {@code kafka-streams.*} property only when the application's own
 * configuration names it: every such property a launch sets must have a default here.
 */
class LaunchDefaultsTest {

    @Test
    void everyKafkaStreamsPropertyALaunchSetsHasADefaultTheEnvironmentCanOverride() throws Exception {
        BenchmarkSpec spec = SpecParser.parse("""
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: every-setting}
                spec:
                  duration_seconds: 60
                  concurrent_streams: 4
                  data_sources: [{name: m, data_type: market_data, generation_rate: 1000}]
                  processing_stages: [{name: p, type: stream_processor, config: {enable_zero_copy: true, batch_size: 500}}]
                """);
        Map<String, String> launch = TopologyLaunch.properties(spec, Planner.plan(spec, "obs.x", Cluster.kubernetes(3, 2), CapacityModel.DEFAULT),
                new TopologyLaunch.Target("b:9092", "obs-x", Optional.of("http://r"), true));
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        assertThat(launch.keySet().stream().filter(k -> k.startsWith("kafka-streams.")))
                .isNotEmpty()
                .allSatisfy(k -> assertThat(defaults).as("application.properties").containsKey(k));
        assertThat(launch).containsEntry("kafka-streams.max.poll.records", "500");
    }
}
