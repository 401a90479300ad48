package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.performance.observatory.core.fault.FaultFigures;
import lab.performance.observatory.stack.EmbeddedPostgresServer;
import lab.performance.observatory.store.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fault of the chaos command, each injected into a short real run (14 s; 22 s for the topology kill) on the embedded stack
 * (docs/reliability.md, "Fault suite"): nothing is lost, nothing is counted twice, the auditor
 * agrees and the pipeline is back at its offered rate with lag under a second before generation
 * ends. The figures are printed as a table, written beside the report and stored.
 */
class FaultSuiteIT {

    /** One data directory for the class: PostgreSQL's and the brokers' are made once, each run has its own topics. */
    @TempDir
    static Path dir;

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: faults-it}
            spec:
              duration_seconds: 14
              warmup_seconds: 2
              data_sources:
                - {name: market, data_type: market_data, generation_rate: 250}
                - {name: logs, data_type: log_event, generation_rate: 100, corrupt_fraction: 0.02}
            """;

    /** Runs the fault at 4 s for {@code duration}; returns the run's directory after checking what every fault must show. */
    Path chaos(String fault, String duration, String... more) throws Exception {
        Path spec = dir.resolve("faults.yaml");
        Files.writeString(spec, SPEC);
        List<String> args = new java.util.ArrayList<>(List.of("chaos", spec.toString(), "--fault", fault, "--at", "4s", "--duration", duration,
                "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(more));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).contains("Fault " + fault + " injected").contains("Fault " + fault + " healed");
        assertThat(r.out()).contains("recovery s").containsPattern(fault + " .* agrees +pass");
        Path runDir;
        try (var list = Files.list(dir.resolve("data/runs"))) {
            runDir = list.filter(p -> p.getFileName().toString().contains(fault)).findFirst().orElseThrow();
        }
        JsonNode figures = new ObjectMapper().readTree(runDir.resolve(ChaosCommand.FIGURES).toFile());
        assertThat(figures.get("fault").asText()).isEqualTo(fault);
        assertThat(figures.get("lost").asLong()).isZero();
        assertThat(figures.get("duplicates").asLong()).isZero();
        assertThat(figures.get("audit").asText()).isEqualTo("agrees");
        assertThat(figures.get("recovery_seconds").isNumber()).as(figures.toString()).isTrue();
        assertThat(figures.get("at_seconds").asDouble()).isBetween(3.0, 6.0);
        assertThat(figures.get("p99_before_ms").asDouble()).isPositive();
        assertThat(figures.get("p99_peak_ms").asDouble()).isGreaterThan(0);
        assertThat(figures.get("failures")).isEmpty();

        JsonNode report = new ObjectMapper().readTree(runDir.resolve(ReportFiles.JSON).toFile());
        assertThat(report.at("/events/generated").asLong()).isEqualTo(350L * Math.round(report.at("/timing/duration_seconds").asDouble()));
        assertThat(report.at("/events/lost").asLong()).isZero();
        assertThat(report.at("/events/duplicates").asLong()).isZero();
        assertThat(report.at("/events/corrupt_sent").asLong()).isPositive().isEqualTo(report.at("/events/dead_lettered").asLong());
        assertThat(report.at("/audit/verdict").asText()).as(report.get("audit").toString()).isEqualTo("agrees");
        return runDir;
    }

    @Test
    void brokerRestartOnAThreeBrokerClusterIsALeaderElection() throws Exception {
        Path runDir = chaos("broker-restart", "3s", "--brokers", "3");
        JsonNode report = new ObjectMapper().readTree(runDir.resolve(ReportFiles.JSON).toFile());
        // the plan a cluster of three gets, as on k3s: three replicas, two in sync, and acks=all
        assertThat(report.at("/plan/topics")).allSatisfy(t -> {
            assertThat(t.at("/replication_factor/value").asInt()).isEqualTo(3);
            assertThat(t.at("/min_in_sync_replicas/value").asInt()).isEqualTo(2);
        });
        assertThat(report.get("resources").fieldNames()).toIterable().contains("broker-1", "broker-2", "broker-3");
        String log;
        try (var logs = Files.list(runDir.resolve("logs"))) {
            log = logs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-restarted.log")).findFirst().orElseThrow();
        }
        assertThat(log).matches("broker-[123]-restarted\\.log");
        // stored with the run, as the table shows it
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("data/postgres"), dir.resolve("data/postgres-binaries"))) {
            List<FaultFigures> stored = new RunStore(pg.dataSource()).faults().of(runDir.getFileName().toString());
            assertThat(stored).singleElement().satisfies(f -> {
                assertThat(f.fault()).isEqualTo("broker-restart");
                assertThat(f.passed()).isTrue();
                assertThat(f.downSeconds()).isGreaterThanOrEqualTo(3.0);
            });
        }
    }

    @Test
    void postgresRestart() throws Exception {
        Path runDir = chaos("postgres-restart", "3s");
        assertThat(Files.readString(runDir.resolve("logs/topology.log")))
                .contains("writing windows to PostgreSQL failed, retrying at every flush")
                .contains("writing windows to PostgreSQL works again");
    }

    @Test
    void topologyKill() throws Exception {
        // a restarted Quarkus topology takes 5 to 8 s to start on two busy cores, then catches up
        Path runDir = chaos("topology-kill", "1s", "--run-duration", "22s");
        assertThat(runDir.resolve("logs/topology-2.log")).exists();
    }

    @Test
    void registryOutage() throws Exception {
        Path runDir = chaos("registry-outage", "4s");
        assertThat(Files.readString(runDir.resolve("logs/registry.log"))).isNotEmpty();
    }

    @Test
    void networkStall() throws Exception {
        chaos("network-stall", "3s");
    }
}
