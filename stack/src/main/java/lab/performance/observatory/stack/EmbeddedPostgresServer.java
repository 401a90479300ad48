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
 *
 * <p>No open door on a shared machine (docs/reliability.md): the superuser has a password generated
 * once per data directory and kept beside it in {@code <data directory>.password} (owner-only; not
 * inside, which initdb wants empty), and every connection must give it (scram-sha-256). initdb (run by zonky with
 * trust authentication) leaves a fresh directory open until the first start has set the password
 * and reloaded the rules, a fraction of a second on loopback; from then on it is closed.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "observatory";
    public static final String USER = "postgres";
    static final String OWNER_FILE = "observatory.owner";
    static final String HBA = """
            # written by the observatory (EmbeddedPostgresServer): a password for every connection
            host all all 127.0.0.1/32 scram-sha-256
            host replication all 127.0.0.1/32 scram-sha-256
            """;

    private volatile EmbeddedPostgres postgres; // null when borrowed or stopped
    private final boolean borrowed;
    private final Path dataDirectory;
    private final Path binariesDirectory;
    private final int port;
    private final long ownerPid;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, Path binariesDirectory, int port, long ownerPid,
                                   String password) {
        this.postgres = postgres;
        this.borrowed = postgres == null;
        this.dataDirectory = dataDirectory;
        this.binariesDirectory = binariesDirectory;
        this.port = port;
        this.ownerPid = ownerPid;
        this.password = password;
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
        String password = passwordOf(dataDirectory);
        EmbeddedPostgres postgres = launch(dataDirectory, binariesDirectory, port, password);
        long self = ProcessHandle.current().pid();
        Files.writeString(dataDirectory.resolve(OWNER_FILE), Long.toString(self));
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory, binariesDirectory, port, self, password);
        server.requirePassword();
        server.createDatabase();
        return server;
    }

    private static EmbeddedPostgres launch(Path dataDirectory, Path binariesDirectory, int port, String password) throws IOException {
        return EmbeddedPostgres.builder()
                .setConnectConfig("password", password) // zonky's own readiness check; ignored while a fresh directory is still trust
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
    }

    /**
     * Stops the server this process started (a fast shutdown: clients are disconnected, what they
     * committed is kept), for the postgres-restart fault; {@link #startAgain()} brings it back.
     */
    public synchronized void stop() throws IOException {
        if (borrowed) {
            throw new IllegalStateException("PostgreSQL in " + dataDirectory + " belongs to process " + ownerPid + ": only it can stop it");
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** Starts the server again on its port, data and password after {@link #stop()}. */
    public synchronized void startAgain() throws IOException {
        if (!borrowed && postgres == null) {
            postgres = launch(dataDirectory, binariesDirectory, port, password);
        }
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
        return Optional.of(new EmbeddedPostgresServer(null, dataDirectory, null, Integer.parseInt(lines.get(3).trim()), Long.parseLong(owner),
                passwordOf(dataDirectory)));
    }

    static Path passwordFile(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
    }

    /** The data directory's superuser password, made (and stored owner-only) the first time it is asked for. */
    private static String passwordOf(Path dataDirectory) throws IOException {
        Path file = passwordFile(dataDirectory);
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String password = lab.performance.observatory.process.OwnerOnlyFiles.newPassword();
        lab.performance.observatory.process.OwnerOnlyFiles.write(file, password);
        return password;
    }

    /**
     * Sets the superuser's password and makes every connection give one, if that is not so yet (a
     * fresh directory, or one from before passwords). The password is set before the rules change,
     * so a crash in between leaves a directory that the next start finishes closing.
     */
    private void requirePassword() throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        if (Files.readString(hba).equals(HBA)) {
            return;
        }
        try (Connection c = DriverManager.getConnection(adminUrl(), USER, password); Statement statement = c.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password.replace("'", "''") + "'");
            Files.writeString(hba, HBA);
            try (ResultSet reloaded = statement.executeQuery("SELECT pg_reload_conf()")) {
                reloaded.next();
            }
        } catch (SQLException e) {
            throw new IOException("cannot require a password of the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Whether this process started the server (and will stop it), rather than borrowing another's. */
    public boolean owned() {
        return !borrowed;
    }

    /** The process that started the server and will stop it. */
    public long ownerPid() {
        return ownerPid;
    }

    private void createDatabase() throws IOException {
        try (Connection c = DriverManager.getConnection(adminUrl(), USER, password);
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

    /**
     * JDBC URL of the observatory database, user and password included: for this process. What
     * goes to another process's command line is {@code PostgresAddress.withoutPassword} of it, the
     * password in an owner-only password file.
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER + "&password=" + password + "&reWriteBatchedInserts=true";
    }

    /** The superuser's password (URL-safe characters). */
    public String password() {
        return password;
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
        if (!borrowed) {
            synchronized (this) {
                if (postgres != null) {
                    postgres.close();
                    postgres = null;
                }
            }
            Files.deleteIfExists(dataDirectory.resolve(OWNER_FILE));
        }
    }
}
