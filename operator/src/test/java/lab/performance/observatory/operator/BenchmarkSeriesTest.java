package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.prometheus.client.Collector.MetricFamilySamples;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BenchmarkSeriesTest {

    private static PipelineBenchmark benchmark(String name, PipelineBenchmarkStatus status) {
        PipelineBenchmark b = new PipelineBenchmark();
        b.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).build());
        b.setStatus(status);
        return b;
    }

    private static Map<String, Double> samples(List<MetricFamilySamples> families, String name) {
        return families.stream().filter(f -> f.name.equals(name)).flatMap(f -> f.samples.stream())
                .collect(Collectors.toMap(s -> String.join(",", s.labelValues), s -> s.value));
    }

    @Test
    void everyPhaseIsASeriesAndABenchmarkWithoutStatusIsPending() {
        PipelineBenchmarkStatus running = new PipelineBenchmarkStatus();
        running.phase = PipelineBenchmarkStatus.Phase.Running;
        List<MetricFamilySamples> out = BenchmarkSeries.of(List.of(benchmark("a", running), benchmark("b", null), benchmark("c", running)));
        Map<String, Double> phases = samples(out, "observatory_operator_benchmarks");
        assertThat(phases).containsEntry("Running", 2.0).containsEntry("Pending", 1.0).containsEntry("Completed", 0.0)
                .hasSize(PipelineBenchmarkStatus.Phase.values().length + 1);
        assertThat(samples(out, "observatory_benchmark_verdict")).isEmpty();
    }

    @Test
    void resultsStandBesideTheBaselineWithTheVerdictAndEachRegressedMetric() {
        PipelineBenchmarkStatus status = new PipelineBenchmarkStatus();
        status.phase = PipelineBenchmarkStatus.Phase.Completed;
        status.scaling = new PipelineBenchmarkStatus.Scaling();
        status.scaling.replicas = 2;
        status.results = new PipelineBenchmarkStatus.Results();
        status.results.achievedEventsPerSecond = 1900.0;
        status.results.baselineEventsPerSecond = 2500.0;
        status.results.p99Ms = 40.0;
        status.results.baselineP99Ms = 20.0;
        status.results.verdict = "regression";
        status.results.regressedMetrics = List.of("throughput_eps", "end_to_end_p99_ms");
        status.results.lost = 0L;
        status.results.targetsMet = false;
        List<MetricFamilySamples> out = BenchmarkSeries.of(List.of(benchmark("e2e", status)));
        assertThat(samples(out, "observatory_benchmark_throughput_events_per_second"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ns,e2e,current", 1900.0, "ns,e2e,baseline", 2500.0));
        assertThat(samples(out, "observatory_benchmark_end_to_end_p99_seconds"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("ns,e2e,current", 0.04, "ns,e2e,baseline", 0.02));
        assertThat(samples(out, "observatory_benchmark_verdict")).containsExactly(Map.entry("ns,e2e,regression", 1.0));
        assertThat(samples(out, "observatory_benchmark_regressions")).containsExactly(Map.entry("ns,e2e", 2.0));
        assertThat(samples(out, "observatory_benchmark_regressed"))
                .containsOnlyKeys("ns,e2e,throughput_eps", "ns,e2e,end_to_end_p99_ms");
        assertThat(samples(out, "observatory_benchmark_targets_met")).containsExactly(Map.entry("ns,e2e", 0.0));
        assertThat(samples(out, "observatory_benchmark_topology_replicas")).containsExactly(Map.entry("ns,e2e", 2.0));
    }

    @Test
    void aRunWithoutBaselineHasOnlyCurrentSeriesAndNoRegressions() {
        PipelineBenchmarkStatus status = new PipelineBenchmarkStatus();
        status.phase = PipelineBenchmarkStatus.Phase.Completed;
        status.results = new PipelineBenchmarkStatus.Results();
        status.results.achievedEventsPerSecond = 1000.0;
        status.results.verdict = RunResults.NO_BASELINE;
        List<MetricFamilySamples> out = BenchmarkSeries.of(List.of(benchmark("solo", status)));
        assertThat(samples(out, "observatory_benchmark_throughput_events_per_second")).containsOnlyKeys("ns,solo,current");
        assertThat(samples(out, "observatory_benchmark_regressions")).containsExactly(Map.entry("ns,solo", 0.0));
        assertThat(samples(out, "observatory_benchmark_verdict")).containsOnlyKeys("ns,solo,no_baseline");
    }
}
