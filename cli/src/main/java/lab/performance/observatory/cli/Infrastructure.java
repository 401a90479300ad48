package lab.performance.observatory.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import lab.performance.observatory.stack.ApicurioRegistry;
import lab.performance.observatory.stack.EmbeddedPostgresServer;
import lab.performance.observatory.store.ObservatoryDatabase;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The Kafka cluster and PostgreSQL a command uses: the ones the user named, or embedded ones this
 * process starts (PostgreSQL from the zonky binaries, one KRaft broker or a cluster of three, each in
 * its own JVM: {@link LocalKafka}) and stops.
 */
final class Infrastructure implements AutoCloseable {

    private final String bootstrapServers;
    private final String jdbcUrl;
    private final ChildSecrets.Database childDatabase;
    private final EmbeddedPostgresServer postgres;
    private final Started started;
    private final ChildSecrets.Jmx brokerJmx;
    private final ApicurioRegistry registry;
    private final URI registryUrl;
    private final AutoCloseable onShutdown;

    private Infrastructure(String bootstrapServers, String jdbcUrl, ChildSecrets.Database childDatabase, URI registryUrl, Started started) {
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.childDatabase = childDatabase;
        this.registryUrl = registryUrl;
        this.postgres = started.postgres;
        this.started = started;
        this.brokerJmx = started.brokerJmx;
        this.registry = started.registry;
        this.onShutdown = started.onShutdown;
    }

    /**
     * Which schema registry a run uses: none, one this process starts, or one at a URL; {@code gated}:
     * reached through a {@link RegistryGate} that the registry-outage fault closes.
     */
    record Registry(boolean embedded, URI url, boolean gated) {
        static final Registry NONE = new Registry(false, null);

        Registry(boolean embedded, URI url) {
            this(embedded, url, false);
        }

        Registry gatedNow() {
            return new Registry(embedded, url, true);
        }

        boolean any() {
            return embedded || url != null;
        }
    }

    /** What has been started so far, so that an interruption mid-start stops exactly that. */
    private static final class Started {
        volatile EmbeddedPostgresServer postgres;
        volatile LocalKafka kafka;
        volatile ChildSecrets.Jmx brokerJmx;
        volatile ApicurioRegistry registry;
        volatile RegistryGate gate;
        AutoCloseable onShutdown;

        void stop() {
            if (gate != null) {
                gate.close();
            }
            stopQuietly(registry, kafka, postgres);
        }
    }

    /**
     * Connects to or starts what is needed. {@code logs} receives the broker's log. PostgreSQL's
     * schema is migrated either way.
     */
    static Infrastructure start(StackOptions options, boolean needKafka, Path logs, Console console) {
        return start(options, needKafka, Registry.NONE, logs, console);
    }

    static Infrastructure start(StackOptions options, boolean needKafka, Registry wanted, Path logs, Console console) {
        return start(options, needKafka, 1, wanted, null, logs, console);
    }

    /**
     * With {@code brokers} embedded brokers (1, or a cluster of 3) when no Kafka is given, each
     * flight-recorded into {@code brokerRecordings} when that is not null (the soak reads their heaps).
     */
    static Infrastructure start(StackOptions options, boolean needKafka, int brokers, Registry wanted, Path brokerRecordings, Path logs,
                                Console console) {
        Started started = new Started();
        started.onShutdown = ShutdownActions.register(started::stop);
        try {
            String jdbcUrl = options.jdbcUrl();
            if (jdbcUrl == null) {
                long t = System.nanoTime();
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(options.dataDir().resolve("postgres"),
                        options.dataDir().resolve("postgres-binaries"));
                started.postgres = postgres;
                jdbcUrl = postgres.jdbcUrl();
                if (!postgres.owned() && needKafka && options.bootstrapServers() == null) {
                    throw CliException.infrastructure("another observatory process (pid " + postgres.ownerPid() + ") is using "
                            + options.dataDir() + ": wait for it to finish, or give this run its own --data-dir", null);
                }
                console.step(String.format("PostgreSQL 17 %s on 127.0.0.1:%d (%.1f s)",
                        postgres.owned() ? "ready" : "of process " + postgres.ownerPid(), postgres.port(), seconds(t)));
            }
            String bootstrap = needKafka ? options.bootstrapServers() : null;
            if (needKafka && bootstrap == null) {
                long t = System.nanoTime();
                ChildSecrets.Jmx jmx = ChildSecrets.Jmx.create(lab.performance.observatory.process.FreePorts.pick(), secrets(options));
                started.brokerJmx = jmx;
                started.kafka = LocalKafka.start(options.dataDir(), brokers, logs, jmx, brokerRecordings);
                bootstrap = started.kafka.bootstrapServers();
                console.step(String.format("Kafka %s (KRaft) ready on %s (%.1f s)", brokers == 1 ? "broker" : brokers + "-broker cluster",
                        bootstrap, seconds(t)));
            }
            URI registryUrl = wanted.url();
            if (wanted.embedded()) {
                long t = System.nanoTime();
                ApicurioRegistry registry = ApicurioRegistry.start(ObservatoryCli.home().resolve("cli/target/apicurio"),
                        logs.resolve("registry.log"), List.of("-Xms64m", "-Xmx384m", "-XX:+UseG1GC"));
                started.registry = registry;
                registryUrl = registry.ccompatUrl();
                console.step(String.format("Apicurio Registry %s ready at %s (%.1f s)", ApicurioRegistry.VERSION, registryUrl, seconds(t)));
            }
            if (wanted.gated() && registryUrl != null) {
                started.gate = RegistryGate.open(registryUrl);
                registryUrl = started.gate.front(registryUrl);
                console.step("Registry gate (for the registry-outage fault) at " + registryUrl);
            }
            Infrastructure infrastructure = new Infrastructure(bootstrap, jdbcUrl, ChildSecrets.Database.of(jdbcUrl, secrets(options)),
                    registryUrl, started);
            ObservatoryDatabase.migrate(infrastructure.dataSource());
            return infrastructure;
        } catch (IOException | RuntimeException e) {
            try {
                started.onShutdown.close();
            } catch (Exception ignored) {
                // unregistering cannot fail
            }
            started.stop();
            if (e instanceof CliException cli) {
                throw cli;
            }
            throw CliException.infrastructure("could not start the stack: " + e.getMessage(), e);
        }
    }

    /** Owner-only files for what child processes must not get on their command lines. */
    private static Path secrets(StackOptions options) {
        return options.dataDir().resolve("secrets");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The JDBC URL a child process gets on its command line: without the password, which {@link #childEnvironment()} supplies. */
    String jdbcUrl() {
        return childDatabase.jdbcUrl();
    }

    /** The environment every child that connects to PostgreSQL needs (a password file, when there is a password). */
    Map<String, String> childEnvironment() {
        return childDatabase.environment();
    }

    DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        return ds;
    }

    /** The registry's Confluent-compatible API, or null when the run has none. */
    URI registryUrl() {
        return registryUrl;
    }

    /**
     * The JMX of the broker this command started, for the report's broker figures; empty for an
     * external Kafka and for a local cluster (one broker's figures are not the cluster's, and the
     * brokers' are not summed yet).
     */
    Optional<ChildSecrets.Jmx> brokerJmx() {
        return started.kafka == null || started.kafka.nodes().size() > 1 ? Optional.empty() : Optional.of(brokerJmx);
    }

    /** The brokers this command started, for the faults that stop or freeze one; empty for an external Kafka. */
    Optional<LocalKafka> kafka() {
        return Optional.ofNullable(started.kafka);
    }

    /** The PostgreSQL this command started, for the postgres-restart fault; empty when it is the user's or borrowed. */
    Optional<EmbeddedPostgresServer> ownPostgres() {
        return postgres != null && postgres.owned() ? Optional.of(postgres) : Optional.empty();
    }

    /** The gate in front of the registry, when the run asked for one. */
    Optional<RegistryGate> registryGate() {
        return Optional.ofNullable(started.gate);
    }

    /** Single processes this command started, by component name, for resource sampling. */
    Map<String, ProcessHandle> embeddedProcesses() {
        Map<String, ProcessHandle> out = new LinkedHashMap<>();
        if (started.kafka != null) {
            for (LocalKafka.Node n : started.kafka.nodes()) {
                out.put(brokerComponent(n), n.process.handle());
            }
        }
        if (registry != null) {
            out.put("registry", registry.handle());
        }
        return out;
    }

    /** A broker's component name in resource samples: {@code broker}, or {@code broker-N} in a cluster. */
    String brokerComponent(LocalKafka.Node n) {
        return started.kafka.nodes().size() == 1 ? "broker" : "broker-" + n.id;
    }

    Optional<ProcessHandle> embeddedPostgres() {
        return postgres == null ? Optional.empty() : postgres.process();
    }

    /** Whether this process runs the embedded PostgreSQL itself (no other observatory process uses the data). */
    boolean ownsEmbeddedPostgres() {
        return postgres != null && postgres.owned();
    }

    @Override
    public void close() {
        try {
            onShutdown.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        started.stop();
    }

    private static synchronized void stopQuietly(ApicurioRegistry registry, LocalKafka kafka, EmbeddedPostgresServer postgres) {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("observatory: stopping PostgreSQL: " + e.getMessage());
            }
        }
    }
}
