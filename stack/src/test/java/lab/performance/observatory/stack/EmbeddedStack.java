package lab.performance.observatory.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real broker and PostgreSQL for integration tests, started once per test JVM on free ports
 * (zonky PostgreSQL; Kafka from {@link TestKafka}: the in-process KRaft broker unless a container
 * is asked for) and stopped when the JVM exits. Data lives under the module's
 * {@code target/embedded-stack}; binaries unpack once per module.
 *
 * <p>Once per JVM, not per class loader: Quarkus tests load this class again in their own loader,
 * so the running stack is announced through system properties and later callers connect to it.
 */
public final class EmbeddedStack {

    static final String BOOTSTRAP_PROPERTY = "observatory.test.bootstrap-servers";
    static final String JDBC_PROPERTY = "observatory.test.jdbc-url";
    static final String ROOT_PROPERTY = "observatory.test.stack-root";

    private static EmbeddedStack instance;

    private final String bootstrapServers;
    private final String jdbcUrl;
    private final Path root;
    private final EmbeddedPostgresServer ownPostgres;

    private EmbeddedStack(String bootstrapServers, String jdbcUrl, Path root, EmbeddedPostgresServer ownPostgres) {
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.root = root;
        this.ownPostgres = ownPostgres;
    }

    public static EmbeddedStack get() {
        synchronized (System.getProperties()) {
            if (instance == null) {
                String bootstrap = System.getProperty(BOOTSTRAP_PROPERTY);
                instance = bootstrap != null
                        ? new EmbeddedStack(bootstrap, System.getProperty(JDBC_PROPERTY), Path.of(System.getProperty(ROOT_PROPERTY)), null)
                        : start();
            }
            return instance;
        }
    }

    private static EmbeddedStack start() {
        try {
            Path target = Path.of("target").toAbsolutePath();
            Path root = Files.createTempDirectory(Files.createDirectories(target.resolve("embedded-stack")), "run-");
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(root.resolve("postgres"), target.resolve("pg-binaries"));
            TestKafka broker = TestKafka.start(root.resolve("kafka"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(broker, postgres, root), "embedded-stack-stop"));
            System.setProperty(BOOTSTRAP_PROPERTY, broker.bootstrapServers());
            System.setProperty(JDBC_PROPERTY, postgres.jdbcUrl());
            System.setProperty(ROOT_PROPERTY, root.toString());
            return new EmbeddedStack(broker.bootstrapServers(), postgres.jdbcUrl(), root, postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded stack", e);
        }
    }

    private static void stop(TestKafka broker, EmbeddedPostgresServer postgres, Path root) {
        try {
            broker.close();
        } finally {
            try {
                postgres.close();
                deleteRecursively(root);
            } catch (IOException e) {
                System.err.println("embedded stack: " + e.getMessage());
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        return ds;
    }

    /** The PostgreSQL server, when this class loader started it. */
    public Optional<EmbeddedPostgresServer> postgres() {
        return Optional.ofNullable(ownPostgres);
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }

    /** A fresh directory for one test's files, removed with the stack. */
    public Path newDirectory(String name) throws IOException {
        return Files.createDirectories(root.resolve("tests").resolve(name + "-" + System.nanoTime()));
    }
}
