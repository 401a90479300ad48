package lab.performance.observatory.operator;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.GaugeMetricFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmarks as Prometheus series, from their status (docs/architecture.md, "Metrics"): how many
 * are in each phase, and each one's last results beside its baseline's, its verdict, the metrics
 * that regressed and its topology replicas, so a dashboard puts "current vs baseline" and
 * "regression detected" side by side. Pure: built from the resources the operator's cache holds
 * at scrape time, so a deleted benchmark leaves no stale series.
 */
final class BenchmarkSeries {

    static final String PENDING = "Pending";

    private BenchmarkSeries() {
    }

    static List<MetricFamilySamples> of(List<PipelineBenchmark> benchmarks) {
        List<String> key = List.of("namespace", "benchmark");
        GaugeMetricFamily phases = new GaugeMetricFamily("observatory_operator_benchmarks", "PipelineBenchmarks by phase",
                List.of("phase"));
        GaugeMetricFamily throughput = new GaugeMetricFamily("observatory_benchmark_throughput_events_per_second",
                "Sustained throughput of the benchmark's last run (series=current) and of its baseline (series=baseline)",
                List.of("namespace", "benchmark", "series"));
        GaugeMetricFamily p99 = new GaugeMetricFamily("observatory_benchmark_end_to_end_p99_seconds",
                "End-to-end p99 latency of the benchmark's last run (series=current) and of its baseline (series=baseline)",
                List.of("namespace", "benchmark", "series"));
        GaugeMetricFamily verdict = new GaugeMetricFamily("observatory_benchmark_verdict",
                "1 for the verdict of the benchmark's last run against its baseline", List.of("namespace", "benchmark", "verdict"));
        GaugeMetricFamily regressions = new GaugeMetricFamily("observatory_benchmark_regressions",
                "Metrics of the last run that regressed against the baseline (0: none)", key);
        GaugeMetricFamily regressed = new GaugeMetricFamily("observatory_benchmark_regressed",
                "1 for each metric of the last run that regressed against the baseline", List.of("namespace", "benchmark", "metric"));
        GaugeMetricFamily lost = new GaugeMetricFamily("observatory_benchmark_lost_events", "Events the last run lost", key);
        GaugeMetricFamily targets = new GaugeMetricFamily("observatory_benchmark_targets_met",
                "1 when the last run met every performance target, else 0", key);
        GaugeMetricFamily replicas = new GaugeMetricFamily("observatory_benchmark_topology_replicas",
                "Topology replicas the operator runs for the benchmark now", key);
        Map<String, Integer> byPhase = new TreeMap<>();
        Arrays.stream(PipelineBenchmarkStatus.Phase.values()).forEach(p -> byPhase.put(p.name(), 0));
        byPhase.put(PENDING, 0);
        for (PipelineBenchmark b : benchmarks) {
            PipelineBenchmarkStatus status = b.getStatus();
            byPhase.merge(status == null || status.phase == null ? PENDING : status.phase.name(), 1, Integer::sum);
            if (status == null) {
                continue;
            }
            String ns = b.getMetadata().getNamespace();
            String name = b.getMetadata().getName();
            if (status.scaling != null && status.scaling.replicas != null) {
                replicas.addMetric(List.of(ns, name), status.scaling.replicas);
            }
            PipelineBenchmarkStatus.Results r = status.results;
            if (r == null) {
                continue;
            }
            if (r.achievedEventsPerSecond != null) {
                throughput.addMetric(List.of(ns, name, "current"), r.achievedEventsPerSecond);
            }
            if (r.baselineEventsPerSecond != null) {
                throughput.addMetric(List.of(ns, name, "baseline"), r.baselineEventsPerSecond);
            }
            if (r.p99Ms != null) {
                p99.addMetric(List.of(ns, name, "current"), r.p99Ms / 1000);
            }
            if (r.baselineP99Ms != null) {
                p99.addMetric(List.of(ns, name, "baseline"), r.baselineP99Ms / 1000);
            }
            if (r.verdict != null) {
                verdict.addMetric(List.of(ns, name, r.verdict), 1);
            }
            List<String> metrics = r.regressedMetrics == null ? List.of() : r.regressedMetrics;
            regressions.addMetric(List.of(ns, name), metrics.size());
            metrics.forEach(m -> regressed.addMetric(List.of(ns, name, m), 1));
            if (r.lost != null) {
                lost.addMetric(List.of(ns, name), r.lost);
            }
            if (r.targetsMet != null) {
                targets.addMetric(List.of(ns, name), r.targetsMet ? 1 : 0);
            }
        }
        byPhase.forEach((phase, n) -> phases.addMetric(List.of(phase), n));
        return new ArrayList<>(List.of(phases, throughput, p99, verdict, regressions, regressed, lost, targets, replicas));
    }
}
