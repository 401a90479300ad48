package lab.performance.observatory.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The real broker and PostgreSQL for tests, started once per test JVM on free ports (in-process
 * broker, zonky PostgreSQL) and stopped when the JVM exits. Data lives under the module's
 * {@code target/embedded-stack}; binaries unpack once per module.
 */
public final class EmbeddedStack {

    private static EmbeddedStack instance;

    private final KafkaBroker broker;
    private final EmbeddedPostgresServer postgres;
    private final Path root;

    private EmbeddedStack(KafkaBroker broker, EmbeddedPostgresServer postgres, Path root) {
        this.broker = broker;
        this.postgres = postgres;
        this.root = root;
    }

    public static synchronized EmbeddedStack get() {
        if (instance == null) {
            try {
                Path target = Path.of("target").toAbsolutePath();
                Path root = Files.createDirectories(target.resolve("embedded-stack")).resolve("run-" + ProcessHandle.current().pid());
                deleteRecursively(root);
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(root.resolve("postgres"), target.resolve("pg-binaries"));
                KafkaBroker broker = KafkaBroker.start(root.resolve("kafka"), Map.of());
                EmbeddedStack stack = new EmbeddedStack(broker, postgres, root);
                Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "embedded-stack-stop"));
                instance = stack;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded stack", e);
            }
        }
        return instance;
    }

    private void stop() {
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
        return broker.bootstrapServers();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public DataSource dataSource() {
        return postgres.dataSource();
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    /** A fresh directory for one test's files, removed with the stack. */
    public Path newDirectory(String name) throws IOException {
        return Files.createDirectories(root.resolve("tests").resolve(name + "-" + System.nanoTime()));
    }
}
