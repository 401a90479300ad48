package lab.performance.observatory.core.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.TopicPlan;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.ProcessingGuarantee;

/**
 * The configuration a run's topology starts with, rendered once for every executor: the CLI passes
 * it as system properties of the topology's JVM, the operator as environment variables of its
 * container ({@link #environmentVariable}). What only one executor knows is added by it: the HTTP
 * port and state directory of a local process, the database URL (a secret on Kubernetes), a pod's
 * instance id.
 */
public final class TopologyLaunch {

    public static final String BOOTSTRAP_SERVERS = "quarkus.kafka-streams.bootstrap-servers";
    public static final String APPLICATION_ID = "quarkus.kafka-streams.application-id";
    public static final String TOPICS = "quarkus.kafka-streams.topics";
    public static final String STREAM_THREADS = "kafka-streams.num.stream.threads";
    public static final String MAX_POLL_RECORDS = "kafka-streams.max.poll.records";
    public static final String PROCESSING_GUARANTEE = "kafka-streams.processing.guarantee";
    public static final String COMMIT_INTERVAL = "kafka-streams.commit.interval.ms";
    /**
     * The topology commits after each flush to PostgreSQL, never on Kafka Streams' own schedule
     * (offsets must not run ahead of what is written), so the interval is a day; under
     * exactly_once_v2 Streams requires it not to exceed the transaction timeout, 10 s, which also
     * bounds how long a killed topology's open transaction holds back read_committed readers.
     */
    static final String COMMIT_INTERVAL_AT_LEAST_ONCE = "86400000";
    static final String COMMIT_INTERVAL_EXACTLY_ONCE = "10000";
    public static final String INPUTS = "observatory.topology.inputs";
    public static final String DEAD_LETTER_TOPIC = "observatory.topology.dead-letter-topic";
    public static final String STRATEGY = "observatory.topology.strategy";
    public static final String WINDOW = "observatory.topology.window";
    public static final String RECORD_LATENCY = "observatory.topology.record-latency";
    public static final String REGISTRY_URL = "observatory.topology.registry-url";
    public static final String METRICS = "observatory.topology.metrics";
    public static final String LIVE_TOPIC = "observatory.topology.live-topic";
    /** The topic closed windows' summaries go to for live views (docs/api.md, "Live"), one per cluster. */
    public static final String DEFAULT_LIVE_TOPIC = "observatory.live";

    /**
     * The Kafka side of a launch: where the cluster is, the consumer group, and the schema registry if
     * the run has one; whether the topology records end-to-end latency and counts for Prometheus
     * (both off only to measure what they cost).
     */
    public record Target(String bootstrapServers, String applicationId, Optional<String> registryUrl, boolean recordLatency,
                         boolean metrics, Optional<String> liveTopic) {

        public Target(String bootstrapServers, String applicationId, Optional<String> registryUrl, boolean recordLatency) {
            this(bootstrapServers, applicationId, registryUrl, recordLatency, true, Optional.empty());
        }

        public Target(String bootstrapServers, String applicationId, Optional<String> registryUrl, boolean recordLatency, boolean metrics) {
            this(bootstrapServers, applicationId, registryUrl, recordLatency, metrics, Optional.empty());
        }
    }

    private TopologyLaunch() {
    }

    /** Property name to value, in a stable order. */
    public static Map<String, String> properties(BenchmarkSpec spec, Plan plan, Target target) {
        List<TopicPlan> inputs = plan.inputTopics();
        Map<String, String> typed = new LinkedHashMap<>();
        for (TopicPlan topic : inputs) {
            DataSourceSpec source = spec.dataSources().stream().filter(s -> s.name().equals(topic.source())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("plan topic " + topic.name() + " has no data source in spec " + spec.name()));
            typed.put(topic.name(), source.dataType().wireName());
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put(BOOTSTRAP_SERVERS, target.bootstrapServers());
        p.put(APPLICATION_ID, target.applicationId());
        p.put(TOPICS, String.join(",", typed.keySet()));
        p.put(STREAM_THREADS, Long.toString(plan.streamThreads().value()));
        spec.topology().batchSize().ifPresent(b -> p.put(MAX_POLL_RECORDS, Integer.toString(b)));
        p.put(PROCESSING_GUARANTEE, spec.topology().guarantee().wireName());
        p.put(COMMIT_INTERVAL, spec.topology().guarantee() == ProcessingGuarantee.EXACTLY_ONCE_V2 ? COMMIT_INTERVAL_EXACTLY_ONCE
                : COMMIT_INTERVAL_AT_LEAST_ONCE);
        p.put(INPUTS, typed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        p.put(DEAD_LETTER_TOPIC, plan.deadLetterTopic().name());
        p.put(STRATEGY, spec.topology().strategy().wireName());
        p.put(WINDOW, spec.topology().windowSeconds() + "s");
        p.put(RECORD_LATENCY, Boolean.toString(target.recordLatency()));
        p.put(METRICS, Boolean.toString(target.metrics()));
        target.registryUrl().ifPresent(url -> p.put(REGISTRY_URL, url));
        target.liveTopic().ifPresent(topic -> p.put(LIVE_TOPIC, topic));
        return p;
    }

    /**
     * The environment variable that sets {@code property} (MicroProfile Config's rule: every
     * character other than a letter or digit becomes {@code _}, then upper case). It overrides a
     * pass-through {@code kafka-streams.*} property only when the application's own configuration
     * names that property, which is why the topology's application.properties lists a default for
     * every one rendered here.
     */
    public static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
