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

    /** The secret holding {@code jdbc-url} for the topology's PostgreSQL. */
    @WithDefault("observatory-postgres")
    String postgresSecret();

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

    /** Server-side apply for status patches; the fabric8 mock server used in tests does not support it. */
    @WithDefault("true")
    boolean serverSideApply();
}
