package lab.performance.observatory.core.fault;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A fault the chaos command injects into a running benchmark (docs/reliability.md, "Fault suite"):
 * what it does, and for how long by default. Every fault is healed by the injector: nothing stays
 * broken after a run.
 */
public enum Fault {

    /** The broker is stopped (SIGTERM, a clean shutdown), stays down, and starts again on its ports and data. */
    BROKER_RESTART("broker-restart", Duration.ofSeconds(5), "broker stopped (SIGTERM), down for D, started again on its ports and data"),
    /** PostgreSQL is stopped (fast shutdown), stays down, and starts again on its port and data. */
    POSTGRES_RESTART("postgres-restart", Duration.ofSeconds(5), "PostgreSQL stopped, down for D, started again on its port and data"),
    /** The topology is killed (SIGKILL: no flush, no commit, no leaving the group) and started again after D. */
    TOPOLOGY_KILL("topology-kill", Duration.ofSeconds(1), "topology killed (SIGKILL), started again after D"),
    /** The schema registry refuses connections for the first half of D and accepts them but never answers for the second. */
    REGISTRY_OUTAGE("registry-outage", Duration.ofSeconds(20), "registry refuses connections for D/2, then accepts and never answers for D/2"),
    /** The broker is frozen (SIGSTOP) for D and thawed (SIGCONT): connections stay open, nothing is answered. */
    NETWORK_STALL("network-stall", Duration.ofSeconds(10), "broker frozen (SIGSTOP) for D, then SIGCONT"),
    /**
     * The dead-letter topic refuses every record for D (its {@code max.message.bytes} set to 1): the
     * topology stops at the first dead letter Kafka refuses, and is started again at the heal, as its
     * Deployment would start it.
     */
    DEAD_LETTER_REFUSED("dead-letter-refused", Duration.ofSeconds(5),
            "dead-letter topic refuses every record for D (max.message.bytes 1); a topology that stops on it starts again at the heal");

    private final String wireName;
    private final Duration defaultDuration;
    private final String description;

    Fault(String wireName, Duration defaultDuration, String description) {
        this.wireName = wireName;
        this.defaultDuration = defaultDuration;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public Duration defaultDuration() {
        return defaultDuration;
    }

    /** What the fault does, D being its duration. */
    public String description() {
        return description;
    }

    /** Whether the run needs a schema registry for the fault to touch anything. */
    public boolean needsRegistry() {
        return this == REGISTRY_OUTAGE;
    }

    /** Whether the fault touches anything only when records are dead-lettered (a spec with corrupt records). */
    public boolean needsDeadLetters() {
        return this == DEAD_LETTER_REFUSED;
    }

    public static Optional<Fault> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }

    /** {@code broker-restart, postgres-restart, ...}, for error messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(Fault::wireName).collect(Collectors.joining(", "));
    }
}
