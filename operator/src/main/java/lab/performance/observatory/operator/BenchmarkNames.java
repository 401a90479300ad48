package lab.performance.observatory.operator;

import java.util.Map;

/**
 * Names of everything a benchmark owns. Topics carry the namespace and the benchmark's name, so two
 * benchmarks never share a topic or a consumer group, in one namespace or across namespaces of
 * one Kafka cluster. Every name is a valid Kubernetes resource name as well as a Kafka name.
 */
final class BenchmarkNames {

    static final String BENCHMARK_LABEL = "performance.lab/benchmark";
    static final String COMPONENT_LABEL = "performance.lab/component";
    static final String KAFKA_CLUSTER_ANNOTATION = "performance.lab/kafka-cluster";
    static final String STRIMZI_CLUSTER_LABEL = "strimzi.io/cluster";
    static final String RUN_LABEL = "performance.lab/run";

    private final String namespace;
    private final String benchmark;

    BenchmarkNames(String namespace, String benchmark) {
        this.namespace = namespace;
        this.benchmark = benchmark;
    }

    static BenchmarkNames of(PipelineBenchmark resource) {
        return new BenchmarkNames(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    /** {@code obs.<namespace>.<benchmark>}: input topics are {@code <prefix>.<source>}. */
    String topicPrefix() {
        return "obs." + namespace + "." + benchmark;
    }

    /** Kafka Streams application id, hence consumer group. */
    String applicationId() {
        return "obs-" + namespace + "-" + benchmark;
    }

    String topologyDeployment() {
        return benchmark + "-topology";
    }

    /** One Job per run (a Job's pod template cannot change, and each run gets a fresh one). */
    String generatorJob(long generation) {
        return benchmark + "-generator-" + generation;
    }

    Map<String, String> labels(String component) {
        return Map.of(BENCHMARK_LABEL, benchmark, COMPONENT_LABEL, component, "app.kubernetes.io/part-of", "performance-observatory");
    }
}
