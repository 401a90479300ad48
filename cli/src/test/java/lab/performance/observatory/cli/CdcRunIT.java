package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import lab.performance.observatory.stack.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CDC source end to end (docs/cdc.md), on the embedded PostgreSQL, Debezium's engine and the
 * embedded broker: rows inserted, updated and deleted at the schedule's rate, their changes streamed
 * into the topic and processed by the topology; every committed change counted exactly once, and
 * the run's slot, publication and tables gone afterwards.
 */
class CdcRunIT {

    @TempDir
    Path dir;

    /** The measured run, on a data directory where a killed run left its slot: counted once each, and nothing left behind. */
    void measuredRunCountsEveryChangeOnceAndLeavesNothingBehind(Path data) throws Exception {
        Path spec = dir.resolve("orders.yaml");
        Files.writeString(spec, """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: orders-cdc}
                spec:
                  duration_seconds: 6
                  warmup_seconds: 2
                  data_sources:
                    - name: orders
                      data_type: cdc
                      generation_rate: 300
                      change_mix: {insert: 0.5, update: 0.3, delete: 0.2}
                      size_distribution: {min_bytes: 100, max_bytes: 600, distribution: uniform}
                """);
        CliHarness.Result run = CliHarness.run("run", spec.toString(), "--data-dir", data.toString(), "--no-profile");
        assertThat(run.exitCode()).as(run.err() + run.out()).isIn(0, 1);
        JsonNode report = report(data);
        long generated = report.at("/events/generated").asLong();
        assertThat(generated).as("committed changes").isBetween(1_750L, 1_800L);
        assertThat(report.at("/events/processed").asLong()).isEqualTo(generated);
        assertThat(report.at("/events/dead_lettered").asLong()).isZero();
        assertThat(report.at("/events/lost").asLong()).isZero();
        assertThat(report.at("/by_type/cdc/events/processed").asLong()).as(report.at("/by_type").toString()).isEqualTo(generated);
        JsonNode commitToKafka = report.at("/latency_ms/commit_to_kafka");
        assertThat(commitToKafka.get("count").asLong()).as("measured after warm-up").isPositive().isLessThanOrEqualTo(generated);
        assertThat(commitToKafka.get("p50").asDouble()).isPositive();
        assertThat(report.at("/latency_ms/end_to_end/p99").asDouble()).isGreaterThanOrEqualTo(commitToKafka.get("p50").asDouble());
        assertThat(run.out()).contains("CDC commit to Kafka p50 / p99 / p99.9 ms");

        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), data.resolve("postgres-binaries"))) {
            assertThat(names(postgres, "SELECT slot_name FROM pg_replication_slots")).isEmpty();
            assertThat(names(postgres, "SELECT pubname FROM pg_publication")).isEmpty();
            assertThat(names(postgres, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'obs_cdc_%'")).isEmpty();
        }
    }

    /**
     * A run's JVM SIGKILLed while its changes stream: its slot outlives it, and the next run (the
     * measured one) removes it.
     */
    @Test
    void aKilledRunsSlotIsRemovedByTheNextRunWhoseChangesAreEachProcessedOnce() throws Exception {
        Path data = dir.resolve("data");
        Path spec = dir.resolve("long.yaml");
        Files.writeString(spec, """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: killed-cdc}
                spec:
                  duration_seconds: 120
                  data_sources:
                    - {name: orders, data_type: cdc, generation_rate: 200}
                """);
        List<String> command = lab.performance.observatory.process.ChildProcess.javaCommand(
                List.of("-Xmx512m", "-Dobservatory.home=" + ObservatoryCli.home()), System.getProperty("java.class.path"),
                ObservatoryCli.class.getName(), List.of("run", spec.toString(), "--data-dir", data.toString(), "--no-profile"));
        String slot;
        try (lab.performance.observatory.process.ChildProcess cli = lab.performance.observatory.process.ChildProcess.start("observatory run",
                command, dir.resolve("killed.log"), java.util.Map.of())) {
            // the run's own PostgreSQL, borrowed while its owner lives: wait for the run's slot to be streamed
            slot = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3)).pollInterval(java.time.Duration.ofMillis(500))
                    .until(() -> activeSlot(data), java.util.Objects::nonNull);
            cli.handle().destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            cli.handle().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), data.resolve("postgres-binaries"))) {
            assertThat(names(postgres, "SELECT slot_name FROM pg_replication_slots")).as("the killed run's slot outlives it").containsExactly(slot);
        }
        measuredRunCountsEveryChangeOnceAndLeavesNothingBehind(data);
    }

    @Test
    void aCdcRunOnAPostgresWithoutLogicalReplicationExits2NamingTheSetting() throws Exception {
        Path spec = dir.resolve("orders.yaml");
        Files.writeString(spec, """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: no-wal}
                spec:
                  duration_seconds: 5
                  data_sources:
                    - {name: orders, data_type: cdc, generation_rate: 100}
                """);
        // a real PostgreSQL as installed by default: wal_level = replica
        try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres replica = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("replica").toFile()).setOverrideWorkingDirectory(dir.resolve("replica-binaries").toFile())
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("unix_socket_directories", "").start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + replica.getPort() + "/postgres?user=postgres";
            CliHarness.Result run = CliHarness.run("run", spec.toString(), "--data-dir", dir.resolve("data").toString(), "--jdbc-url", url,
                    "--no-profile");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(CliException.BAD_INPUT);
            assertThat(run.err()).contains("cdc source(s) orders: wal_level is replica: CDC sources need wal_level = logical");
            assertThat(names(replica.getPostgresDatabase(), "SELECT run_id FROM runs")).as("nothing recorded").isEmpty();
        }
    }

    /**
     * The observatory's slot someone streams on the run's PostgreSQL, or null (none yet, or the server
     * not up yet). Connects by the port in postmaster.pid: starting a server object here could stop theirs.
     */
    static String activeSlot(Path data) {
        try {
            List<String> pid = Files.readAllLines(data.resolve("postgres/postmaster.pid"));
            String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/" + EmbeddedPostgresServer.DATABASE;
            String password = Files.readString(data.resolve("postgres.password")).trim();
            try (Connection c = java.sql.DriverManager.getConnection(url, EmbeddedPostgresServer.USER, password); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT slot_name FROM pg_replication_slots WHERE active AND slot_name LIKE 'obs_cdc_%'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (Exception e) {
            return null; // not up yet
        }
    }

    static List<String> names(EmbeddedPostgresServer postgres, String query) throws Exception {
        return names(postgres.dataSource(), query);
    }

    static List<String> names(javax.sql.DataSource dataSource, String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static JsonNode report(Path data) throws Exception {
        return report(data, "orders-cdc");
    }

    static JsonNode report(Path data, String benchmark) throws Exception {
        try (var runs = Files.list(data.resolve("runs"))) {
            for (Path run : runs.toList()) {
                if (Files.exists(run.resolve("report.json"))) {
                    JsonNode report = new ObjectMapper().readTree(run.resolve("report.json").toFile());
                    if (benchmark.equals(report.get("benchmark").asText())) {
                        return report;
                    }
                }
            }
        }
        throw new AssertionError("no report of " + benchmark + " under " + data);
    }
}
