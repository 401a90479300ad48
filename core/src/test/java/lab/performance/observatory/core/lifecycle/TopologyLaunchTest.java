package lab.performance.observatory.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;
import org.junit.jupiter.api.Test;

class TopologyLaunchTest {

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: launch}
            spec:
              duration_seconds: 60
              concurrent_streams: 5
              data_sources:
                - {name: market, data_type: market_data, generation_rate: 1000}
                - {name: logs, data_type: log_event, generation_rate: 100}
              processing_stages:
                - {name: p, type: stream_processor, config: {enable_zero_copy: true, batch_size: 250}}
                - {name: w, type: window, config: {window_seconds: 2}}
                - {name: s, type: sink, config: {processing_guarantee: exactly_once_v2}}
            """;

    @Test
    void rendersWhatThePlanAndSpecSay() throws Exception {
        BenchmarkSpec spec = SpecParser.parse(SPEC);
        Plan plan = Planner.plan(spec, "obs.r1", Cluster.local(1, 2), CapacityModel.DEFAULT);
        Map<String, String> p = TopologyLaunch.properties(spec, plan,
                new TopologyLaunch.Target("127.0.0.1:9092", "obs-topology-r1", Optional.of("http://registry/apis/ccompat/v7"), true));
        assertThat(p).containsExactly(
                Map.entry("quarkus.kafka-streams.bootstrap-servers", "127.0.0.1:9092"),
                Map.entry("quarkus.kafka-streams.application-id", "obs-topology-r1"),
                Map.entry("quarkus.kafka-streams.topics", "obs.r1.market,obs.r1.logs"),
                Map.entry("kafka-streams.num.stream.threads", "2"),
                Map.entry("kafka-streams.max.poll.records", "250"),
                Map.entry("kafka-streams.processing.guarantee", "exactly_once_v2"),
                Map.entry("kafka-streams.commit.interval.ms", "10000"),
                Map.entry("observatory.topology.inputs", "obs.r1.market=market_data,obs.r1.logs=log_event"),
                Map.entry("observatory.topology.dead-letter-topic", "obs.r1.dead-letter"),
                Map.entry("observatory.topology.strategy", "zero-copy"),
                Map.entry("observatory.topology.window", "2s"),
                Map.entry("observatory.topology.record-latency", "true"),
                Map.entry("observatory.topology.metrics", "true"),
                Map.entry("observatory.topology.registry-url", "http://registry/apis/ccompat/v7"));
    }

    @Test
    void withoutABatchSizeOrRegistryNeitherIsSet() throws Exception {
        BenchmarkSpec spec = SpecParser.parse(SPEC.substring(0, SPEC.indexOf("  processing_stages:")));
        Plan plan = Planner.plan(spec, "obs.ns.b", Cluster.kubernetes(3, 1), CapacityModel.DEFAULT);
        Map<String, String> p = TopologyLaunch.properties(spec, plan, new TopologyLaunch.Target("b:9092", "obs-ns-b", Optional.empty(), false));
        assertThat(p).doesNotContainKeys(TopologyLaunch.MAX_POLL_RECORDS, TopologyLaunch.REGISTRY_URL)
                .containsEntry(TopologyLaunch.STREAM_THREADS, "1")
                .containsEntry(TopologyLaunch.PROCESSING_GUARANTEE, "at_least_once")
                .containsEntry(TopologyLaunch.COMMIT_INTERVAL, "86400000")
                .containsEntry(TopologyLaunch.STRATEGY, "copying")
                .containsEntry(TopologyLaunch.RECORD_LATENCY, "false");
    }

    @Test
    void environmentVariablesFollowMicroProfileConfig() {
        assertThat(TopologyLaunch.environmentVariable("kafka-streams.max.poll.records")).isEqualTo("KAFKA_STREAMS_MAX_POLL_RECORDS");
        assertThat(TopologyLaunch.environmentVariable("quarkus.kafka-streams.bootstrap-servers"))
                .isEqualTo("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS");
        assertThat(TopologyLaunch.environmentVariable("observatory.topology.dead-letter-topic"))
                .isEqualTo("OBSERVATORY_TOPOLOGY_DEAD_LETTER_TOPIC");
    }
}
