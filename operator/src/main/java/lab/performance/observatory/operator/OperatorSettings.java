package lab.performance.observatory.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How the operator lays benchmarks out on its cluster; per benchmark, annotations can override the Kafka cluster. */
@ConfigMapping(prefix = "observatory.operator")
public interface OperatorSettings {

    /**
     * Namespaces to watch; empty watches all (needs cluster-wide RBAC). The shipped manifests set the
     * operator's own namespace, so a namespaced Role suffices.
     */
    Optional<java.util.Set<String>> namespaces();

    /** The Strimzi {@code Kafka} the topics belong to (label {@code strimzi.io/cluster}). */
    @WithDefault("observatory")
    String kafkaCluster();

    /** Brokers in that cluster: bounds replication. */
    @WithDefault("3")
    int brokers();

    /** Bootstrap servers the topology connects to; default: Strimzi's {@code <cluster>-kafka-bootstrap:9092}. */
    Optional<String> bootstrapServers();

    /** The topology's container image. */
    @WithDefault("performance-observatory/topology:0.1.0")
    String topologyImage();

    /** The generator's container image (entry point: the generator main, see {@code GeneratorArguments}). */
    @WithDefault("performance-observatory/generator:0.1.0")
    String generatorImage();

    /** The secret holding {@code jdbc-url} for the topology's and generators' PostgreSQL. */
    @WithDefault("observatory-postgres")
    String postgresSecret();

    /**
     * The operator's own way to that PostgreSQL (set from the same secret in the shipped manifest):
     * it records runs there and reads their measurements back. Without it benchmarks are provisioned
     * but never run.
     */
    Optional<String> jdbcUrl();

    /** A schema registry (Confluent-compatible API) for sources framed {@code registry}; none by default. */
    Optional<String> schemaRegistryUrl();

    /**
     * Where the operator reads the load profiles replay sources name (relative to it, nothing outside
     * it); generator pods get the same files at the same path. None: replay benchmarks are Invalid.
     */
    Optional<String> profilesDir();

    /**
     * ConfigMaps holding load profiles (each key a profile file), mounted read-only into every generator
     * pod at {@code <profiles-dir>/recordings} as the shipped operator Deployment mounts them
     * (deploy/k3s/base/operator.yaml, load-profiles/recordings/kustomization.yaml).
     */
    Optional<java.util.List<String>> profileConfigMaps();

    /** Memory of one topology replica (request and limit; its JVM takes 75 % of it as heap). */
    @WithDefault("768Mi")
    String topologyMemory();

    /** CPU of one generator pod (request and limit: open-loop senders must not be throttled mid-run). */
    @WithDefault("1.0")
    double generatorCpu();

    /** Memory of one generator pod (request and limit). */
    @WithDefault("512Mi")
    String generatorMemory();

    /**
     * The topic the topologies publish each closed window's summary to for the API's live view
     * (docs/api.md, "Live"; deploy/strimzi creates it); empty to publish nothing.
     */
    @WithDefault("observatory.live")
    String liveTopic();

    /** CPU one topology replica is given (its request): capacities from a baseline are per core, scaled by this. */
    @WithDefault("1")
    double topologyReplicaCpu();

    /** Events/s one generator pod is planned to send; the planner's default (60,000) when unset. */
    Optional<Double> generatorEventsPerSecond();

    /** After the generators finish, how long the topology may take to process what is left before the run is analysed anyway. */
    @WithDefault("2m")
    java.time.Duration drainTimeout();

    /** Lag-driven scaling: the backlog (seconds to clear) above which the topology gets more replicas. */
    @WithDefault("5")
    double scaleUpLagSeconds();

    /** ... and below which it gets fewer. */
    @WithDefault("0.5")
    double scaleDownLagSeconds();

    /** No second scaling decision within this time of the last. */
    @WithDefault("2m")
    java.time.Duration scalingCooldown();

    /** How often a provisioning or running benchmark is looked at again for lag (readiness and topic changes arrive through watches). */
    @WithDefault("10s")
    java.time.Duration recheckInterval();

    /** When a run counts as a regression against its baseline (the CLI's --max-throughput-drop and friends). */
    Regression regression();

    /** The thresholds of {@code RunComparator}; defaults as the CLI's. */
    interface Regression {
        /** A throughput drop of more than this, percent. */
        @WithDefault("5")
        double maxThroughputDrop();

        /** A rise of any latency percentile of more than this, percent. */
        @WithDefault("10")
        double maxLatencyRise();

        /** Latency changes smaller than this never count, milliseconds. */
        @WithDefault("1.0")
        double latencyFloorMs();

        /** A rise of CPU per event or memory of more than this, percent. */
        @WithDefault("10")
        double maxResourceRise();

        /** Significance level of the Mann-Whitney test. */
        @WithDefault("0.01")
        double alpha();

        default lab.performance.observatory.core.verdict.Thresholds thresholds() {
            return new lab.performance.observatory.core.verdict.Thresholds(maxThroughputDrop(), maxLatencyRise(), latencyFloorMs(),
                    maxResourceRise(), alpha());
        }
    }

    /** Server-side apply for status patches; the fabric8 mock server used in tests does not support it. */
    @WithDefault("true")
    boolean serverSideApply();
}
