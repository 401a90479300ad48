package lab.performance.observatory.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the observatory keeps its data, and the Kafka and PostgreSQL to use instead of embedded ones. */
final class StackOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Embedded PostgreSQL and Kafka data, logs and reports (default: $OBSERVATORY_DATA_DIR or .observatory in the project).")
    Path dataDir;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting an embedded broker (or $OBSERVATORY_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "Use this PostgreSQL (user and password in the URL) instead of the embedded one (or $OBSERVATORY_JDBC_URL).")
    String jdbcUrl;

    Path dataDir() {
        if (dataDir != null) {
            return dataDir.toAbsolutePath();
        }
        String env = System.getenv("OBSERVATORY_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return ObservatoryCli.home().resolve(".observatory");
    }

    String bootstrapServers() {
        return bootstrapServers != null ? bootstrapServers : blankToNull(System.getenv("OBSERVATORY_BOOTSTRAP_SERVERS"));
    }

    String jdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : blankToNull(System.getenv("OBSERVATORY_JDBC_URL"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
