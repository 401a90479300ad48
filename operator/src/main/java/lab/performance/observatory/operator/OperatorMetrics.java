package lab.performance.observatory.operator;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import lab.performance.observatory.observe.LatencyTimers;
import lab.performance.observatory.observe.PrometheusNaming;

/**
 * The operator's own meters on {@code /q/metrics} (docs/architecture.md, "Metrics"): reconciles by
 * outcome and their duration, scaling decisions by direction, and the benchmarks' phases and last
 * results ({@link BenchmarkSeries}) read from the operator's cache of PipelineBenchmarks when scraped.
 */
@ApplicationScoped
public class OperatorMetrics {

    private final MeterRegistry registry;
    private final Timer reconcileTimer;
    private volatile IndexedResourceCache<PipelineBenchmark> benchmarks;

    public OperatorMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
        this.registry = registry;
        this.reconcileTimer = LatencyTimers.histogram("observatory.operator.reconcile.duration",
                "Time one reconciliation of a PipelineBenchmark took").register(registry);
        new Collector() {
            @Override
            public List<MetricFamilySamples> collect() {
                IndexedResourceCache<PipelineBenchmark> cache = benchmarks;
                return BenchmarkSeries.of(cache == null ? List.of() : cache.list().toList());
            }
        }.register(prometheus.getPrometheusRegistry());
    }

    /** Every component's registries pass promtool (see {@link PrometheusNaming}). */
    @Produces
    @Singleton
    static MeterFilter prometheusNaming() {
        return PrometheusNaming.filter();
    }

    /** The cache the benchmark series are read from (the reconciler's primary cache). */
    void watch(IndexedResourceCache<PipelineBenchmark> cache) {
        this.benchmarks = cache;
    }

    Timer.Sample startReconcile() {
        return Timer.start(registry);
    }

    /** @param outcome success, or error when the reconciliation threw */
    void reconciled(Timer.Sample sample, String outcome) {
        sample.stop(reconcileTimer);
        Counter.builder("observatory.operator.reconciles").description("Reconciliations of PipelineBenchmarks, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** @param direction up or down */
    void scaled(PipelineBenchmark resource, String direction) {
        scalingDecisions(resource, direction).increment();
    }

    /** A benchmark the scaler watches has both directions' counters from the start, so their rate is 0 rather than absent. */
    void scaling(PipelineBenchmark resource) {
        scalingDecisions(resource, "up");
        scalingDecisions(resource, "down");
    }

    private Counter scalingDecisions(PipelineBenchmark resource, String direction) {
        return Counter.builder("observatory.operator.scaling.decisions").description("Topology replica changes the operator made, by direction")
                .tag("namespace", resource.getMetadata().getNamespace()).tag("benchmark", resource.getMetadata().getName())
                .tag("direction", direction).register(registry);
    }
}
