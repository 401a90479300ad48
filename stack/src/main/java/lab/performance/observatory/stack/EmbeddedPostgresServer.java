package lab.performance.observatory.stack;

import lab.performance.observatory.process.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server from the zonky binaries on Maven Central, on 127.0.0.1 and a free port.
 * The data directory persists between starts (runs and reports outlive the process); the binaries
 * unpack once into their own directory.
 *
 * <p>One server per data directory: if a live process already runs one there, it is borrowed
 * (connected to, never stopped); a server whose owner died (kill -9) is stopped first.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "observatory";
    public static final String USER = "postgres";
    static final String OWNER_FILE = "observatory.owner";

    private final EmbeddedPostgres postgres; // null when borrowed
    private final Path dataDirectory;
    private final int port;
    private final long ownerPid;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, int port, long ownerPid) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.ownerPid = ownerPid;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, Path binariesDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        Files.createDirectories(binariesDirectory);
        Optional<EmbeddedPostgresServer> running = borrowRunning(dataDirectory);
        if (running.isPresent()) {
            return running.get();
        }
        stopLeftover(dataDirectory);
        int port = FreePorts.pick();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.toFile())
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDirectory.toFile())
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                // whoever starts it stops it, in order: a hook of its own would race the caller's
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "64MB")
                // benchmark metrics are re-creatable; losing the last commit on power loss is acceptable
                .setServerConfig("synchronous_commit", "off")
                // CDC sources stream their table's changes through a logical replication slot (docs/cdc.md)
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "8")
                .setServerConfig("max_wal_senders", "8")
                .start();
        long self = ProcessHandle.current().pid();
        Files.writeString(dataDirectory.resolve(OWNER_FILE), Long.toString(self));
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory, port, self);
        server.createDatabase();
        return server;
    }

    /** The server another live process started in this directory, if there is one. */
    private static Optional<EmbeddedPostgresServer> borrowRunning(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
        Path ownerFile = dataDirectory.resolve(OWNER_FILE);
        if (postmaster.isEmpty() || !Files.exists(ownerFile)) {
            return Optional.empty();
        }
        String owner = Files.readString(ownerFile).trim();
        if (!owner.matches("\\d+") || ProcessHandle.of(Long.parseLong(owner)).filter(ProcessHandle::isAlive).isEmpty()) {
            return Optional.empty();
        }
        // postmaster.pid: pid, data directory, start time, port, ...
        List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        if (lines.size() < 4 || !lines.get(3).trim().matches("\\d+")) {
            return Optional.empty();
        }
        return Optional.of(new EmbeddedPostgresServer(null, dataDirectory, Integer.parseInt(lines.get(3).trim()), Long.parseLong(owner)));
    }

    /** Whether this process started the server (and will stop it), rather than borrowing another's. */
    public boolean owned() {
        return postgres != null;
    }

    /** The process that started the server and will stop it. */
    public long ownerPid() {
        return ownerPid;
    }

    private void createDatabase() throws IOException {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
        try (Connection c = DriverManager.getConnection(adminUrl);
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /** A postmaster that outlived its JVM (kill -9) still holds the data directory: stop it. */
    private static void stopLeftover(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> leftover = postmaster(dataDirectory);
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle process = leftover.get();
        process.destroy(); // SIGTERM: PostgreSQL's smart shutdown
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
    }

    private static Optional<ProcessHandle> postmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (!first.matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(first))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    public int port() {
        return port;
    }

    /** JDBC URL of the observatory database, user and password included. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER + "&reWriteBatchedInserts=true";
    }

    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl());
        return ds;
    }

    /** The postmaster; its descendants are the backends. */
    public Optional<ProcessHandle> process() {
        try {
            return postmaster(dataDirectory);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            Files.deleteIfExists(dataDirectory.resolve(OWNER_FILE));
        }
    }
}
