package lab.performance.observatory.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SortedMap;
import java.util.TreeMap;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PlannerTest {

    static BenchmarkSpec spec(int streams, String sources) throws Exception {
        return SpecParser.parse("""
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: plan}
                spec:
                  duration_seconds: 600
                  concurrent_streams: %d
                  data_sources:
                %s""".formatted(streams, sources));
    }

    static String steady(String name, double rate, int minBytes, int maxBytes) {
        return "    - {name: %s, data_type: market_data, generation_rate: %s, size_distribution: {min_bytes: %d, max_bytes: %d}}\n"
                .formatted(name, rate, minBytes, maxBytes);
    }

    /** rate, mean bytes, streams, brokers -> partitions, replication, min ISR, replicas (min..max), generators */
    @ParameterizedTest(name = "{0} events/s of {1} B, {2} stream(s), {3} broker(s)")
    @CsvSource({
            // low rate, one broker: everything is one
            "100,      200, 1, 1,  1, 1, 1,  1, 1, 1,  1",
            // streams set the floor when the rate needs fewer partitions
            "100,      200, 8, 1,  8, 1, 1,  1, 1, 8,  1",
            // 100k/s x 1.3 / 10k = 13 partitions (prime): 6 replicas needed round up to 13, the only divisor >= 6
            "100000,   200, 1, 3, 13, 3, 2, 13, 13, 13, 2",
            // 50k/s: 7 partitions (prime); 65k / 25k = 3 replicas -> 7
            "50000,    200, 1, 2,  7, 2, 1,  7, 7, 7,  1",
            // 12 streams of 6k/s offer 72k/s: 10 partitions by rate, 12 by streams; 4 replicas needed, a divisor of 12
            "6000,     200, 12, 3, 12, 3, 2,  4, 4, 12, 2",
            // bytes dominate: 5k/s of 3,000 B x 1.3 = 19.5 MB/s over 5 MiB/s per partition = 4 partitions
            "5000,    3000, 1, 3,  4, 3, 2,  1, 1, 4,  1",
    })
    void steadyLoads(double rate, int meanBytes, int streams, int brokers, long partitions, long rf, long isr, long replicas,
                     long minReplicas, long maxReplicas, long generators) throws Exception {
        Plan plan = Planner.plan(spec(streams, steady("ticks", rate, meanBytes - 10, meanBytes + 10)), "obs.plan", Cluster.kubernetes(brokers, 1), CapacityModel.DEFAULT);
        TopicPlan ticks = plan.inputTopics().get(0);
        assertThat(ticks.name()).isEqualTo("obs.plan.ticks");
        assertThat(ticks.partitions().value()).isEqualTo(partitions);
        assertThat(ticks.replicationFactor().value()).isEqualTo(rf);
        assertThat(ticks.minInSyncReplicas().value()).isEqualTo(isr);
        assertThat(plan.consumerReplicas().value()).isEqualTo(replicas);
        assertThat(plan.minConsumerReplicas().value()).isEqualTo(minReplicas);
        assertThat(plan.maxConsumerReplicas().value()).isEqualTo(maxReplicas);
        assertThat(plan.generatorParallelism().value()).isEqualTo(generators);
        // replicas always divide the task count, and never exceed it
        assertThat(maxReplicas % plan.consumerReplicas().value()).isZero();
        assertThat(maxReplicas % plan.minConsumerReplicas().value()).isZero();
        // every number says why
        assertThat(ticks.partitions().reason()).isNotBlank();
        assertThat(plan.consumerReplicas().reason()).isNotBlank();
    }

    @Test
    void burstsAndSpikesPlanForThePeakNotTheBase() throws Exception {
        BenchmarkSpec spec = spec(1, """
                    - {name: bursty, data_type: iot_sensor, generation_rate: 1000,
                       pattern: {type: bursty, burst_multiplier: 30, burst_seconds: 2, quiet_seconds: 20}}
                    - {name: spiky, data_type: log_event, generation_rate: 2000,
                       spikes: {probability: 0.1, multiplier: 10}}
                """);
        Plan plan = Planner.plan(spec, "obs.b", Cluster.kubernetes(3, 1), CapacityModel.DEFAULT);
        // 30k peak x 1.3 / 10k = 4; 20k peak x 1.3 / 10k = 3
        assertThat(plan.inputTopics()).extracting(t -> t.partitions().value()).containsExactly(4L, 3L);
        assertThat(plan.peakEventsPerSecond()).isEqualTo(50_000);
        // 65k / 25k = 3 replicas, but 4 tasks: rounded to 4; at the base rate 3.9k/25k = 1
        assertThat(plan.consumerReplicas().value()).isEqualTo(4);
        assertThat(plan.consumerReplicas().reason()).contains("a divisor of 4 tasks");
        assertThat(plan.minConsumerReplicas().value()).isEqualTo(1);
        assertThat(plan.topics()).extracting(TopicPlan::role).containsExactly("input", "input", "dead-letter");
    }

    @Test
    void retentionAndSegmentsFollowTheRunAndItsBytes() throws Exception {
        Plan plan = Planner.plan(spec(1, steady("ticks", 20_000, 190, 210)), "obs.r", Cluster.kubernetes(1, 1), CapacityModel.DEFAULT);
        TopicPlan ticks = plan.inputTopics().get(0);
        assertThat(ticks.retentionMs().value()).isEqualTo(3_600_000L); // 2 x 600 s < 1 h
        // 20k x 200 B / 3 partitions over an hour / 10 segments = 480 MB -> within the bounds
        assertThat(ticks.segmentBytes().value()).isEqualTo((long) (20_000 * 200.0 / 3 * 3600 / 10));
        TopicPlan dlq = plan.topics().get(plan.topics().size() - 1);
        assertThat(dlq.partitions().value()).isEqualTo(1);
        assertThat(dlq.segmentBytes().value()).isEqualTo(Planner.MIN_SEGMENT);
    }

    @Test
    void capacitiesFromABaselineRun() throws Exception {
        SortedMap<String, RunReport.ComponentResources> resources = new TreeMap<>();
        resources.put("topology", new RunReport.ComponentResources(0.5, 300, 290, 40, null));
        RunReport baseline = new RunReport(2, "base-run", "plan", "completed", null, null, new RunReport.Throughput(50_000, 60_000, 1e7),
                null, null, null, new TreeMap<>(), resources, null, null, java.util.List.of(), new TreeMap<>(), null, java.util.List.of(),
                new TreeMap<>(), new TreeMap<>(), null, null, java.util.List.of(), null, null, null, null, null);
        CapacityModel measured = CapacityModel.fromBaseline(baseline, 1.0);
        // 100k events/s per core, a one-core replica run at half load
        assertThat(measured.perConsumerEps()).isEqualTo(50_000);
        assertThat(measured.source()).contains("base-run");
        Plan plan = Planner.plan(spec(1, steady("ticks", 100_000, 190, 210)), "obs.p", Cluster.kubernetes(3, 1), measured);
        // 130k / 50k = 3 replicas -> 13 partitions is prime -> 13
        assertThat(plan.consumerReplicas().value()).isEqualTo(13);
        assertThat(plan.capacitySource()).contains("base-run");
        assertThatThrownBy(() -> CapacityModel.fromBaseline(new RunReport(2, "empty", "plan", "completed", null, null,
                new RunReport.Throughput(0, 0, 0), null, null, null, new TreeMap<>(), new TreeMap<>(), null, null, java.util.List.of(),
                new TreeMap<>(), null, java.util.List.of(), new TreeMap<>(), new TreeMap<>(), null, null, java.util.List.of(), null, null, null, null, null), 1.0))
                .hasMessageContaining("no topology CPU");
    }

    @ParameterizedTest
    @CsvSource({"12,5,6", "12,1,1", "12,7,12", "13,2,13", "1,1,1", "8,3,4", "8,9,8", "6,0,1"})
    void divisors(long n, long wanted, long expected) {
        assertThat(Planner.divisorAtLeast(n, wanted)).isEqualTo(expected);
    }

    @Test
    void aClusterHasBrokersAndRoomForAReplica() {
        assertThatThrownBy(() -> Cluster.kubernetes(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cluster.kubernetes(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cluster(1, 0, 1, "none")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentStreamsMultiplyWhatEachSourceOffers() throws Exception {
        // five streams of 1,000 events/s each: 5,000 offered, one partition per stream
        BenchmarkSpec spec = spec(5, steady("ticks", 1000, 190, 210));
        assertThat(spec.totalBaseRate()).isEqualTo(5000);
        assertThat(spec.offeredSources().get(0).generationRate()).isEqualTo(5000);
        Plan plan = Planner.plan(spec, "obs.s", Cluster.kubernetes(3, 1), CapacityModel.DEFAULT);
        assertThat(plan.peakEventsPerSecond()).isEqualTo(5000);
        assertThat(plan.inputTopics().get(0).partitions().value()).isEqualTo(5);
        assertThat(plan.inputTopics().get(0).partitions().reason()).contains("one per stream (concurrent_streams 5)");
        // every absolute rate of a pattern is per stream too: a burst of 3,000 per stream peaks at 15,000
        BenchmarkSpec bursty = spec(5, "    - {name: b, data_type: log_event, generation_rate: 1000, "
                + "pattern: {type: bursty, burst_rate: 3000, burst_seconds: 1, quiet_seconds: 4}}\n");
        assertThat(Planner.plan(bursty, "obs.b", Cluster.kubernetes(3, 1), CapacityModel.DEFAULT).peakEventsPerSecond()).isEqualTo(15_000);
    }

    @Test
    void aLocalRunFoldsTheReplicasIntoStreamThreadsOfOneProcess() throws Exception {
        BenchmarkSpec spec = spec(1, steady("ticks", 100_000, 190, 210));
        Plan onKubernetes = Planner.plan(spec, "obs.l", Cluster.kubernetes(3, 1), CapacityModel.DEFAULT);
        assertThat(onKubernetes.consumerReplicas().value()).isEqualTo(13);
        assertThat(onKubernetes.streamThreads().value()).isEqualTo(1);
        Plan local = Planner.plan(spec, "obs.l", Cluster.local(1, 2), CapacityModel.DEFAULT);
        // the same 13 partitions, one topology process with a thread per core
        assertThat(local.inputTopics().get(0).partitions().value()).isEqualTo(13);
        assertThat(local.inputTopics().get(0).replicationFactor().value()).isEqualTo(1);
        assertThat(local.consumerReplicas().value()).isEqualTo(1);
        assertThat(local.consumerReplicas().reason()).contains("capped at 1: a local run has 1 topology process(es)");
        assertThat(local.maxConsumerReplicas().value()).isEqualTo(1);
        assertThat(local.minConsumerReplicas().value()).isEqualTo(1);
        assertThat(local.streamThreads().value()).isEqualTo(2);
        assertThat(local.streamThreads().reason()).contains("13 of 13 tasks").contains("2 core(s)");
        // fewer tasks than cores: a thread per task
        Plan small = Planner.plan(spec(1, steady("ticks", 1000, 190, 210)), "obs.l", Cluster.local(1, 8), CapacityModel.DEFAULT);
        assertThat(small.streamThreads().value()).isEqualTo(1);
        // a Kubernetes replica with two cores gets up to two threads for its share of the tasks
        Plan wide = Planner.plan(spec(4, steady("ticks", 1000, 190, 210)), "obs.w", Cluster.kubernetes(3, 2), CapacityModel.DEFAULT);
        assertThat(wide.consumerReplicas().value()).isEqualTo(1);
        assertThat(wide.streamThreads().value()).isEqualTo(2);
    }

    @Test
    void smallerGeneratorPodsMeanMoreOfThemAndNothingElseChanges() throws Exception {
        BenchmarkSpec spec = spec(1, steady("ticks", 2000, 190, 210));
        Plan defaults = Planner.plan(spec, "obs.plan", Cluster.kubernetes(1, 1), CapacityModel.DEFAULT);
        Plan small = Planner.plan(spec, "obs.plan", Cluster.kubernetes(1, 1), CapacityModel.DEFAULT.withPerGeneratorEps(1500));
        assertThat(defaults.generatorParallelism().value()).isEqualTo(1);
        assertThat(small.generatorParallelism().value()).isEqualTo(2);
        assertThat(small.generatorParallelism().reason()).contains("1,500 per generator");
        assertThat(small.inputTopics().get(0).partitions().value()).isEqualTo(defaults.inputTopics().get(0).partitions().value());
        assertThat(small.consumerReplicas().value()).isEqualTo(defaults.consumerReplicas().value());
    }
}
