package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code make run} does, shortened: the CLI starts its own PostgreSQL and broker under a data
 * directory, runs, stops them; a later {@code report} starts PostgreSQL again from the same data.
 * The topology runs under exactly_once_v2. While it runs, every command line of its processes is read from {@code /proc}: none holds a password.
 */
class EmbeddedStackRunIT {

    @TempDir
    Path dir;

    @Test
    void runsOnItsOwnStackAndReportsAfterwards() throws Exception {
        Path data = dir.resolve("data");
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: tiny}
                spec:
                  duration_seconds: 6
                  data_sources:
                    - {name: market, data_type: market_data, generation_rate: 500, corrupt_fraction: 0.02}
                    - {name: logs, data_type: log_event, generation_rate: 200}
                  processing_stages:
                    - {name: store, type: sink, config: {processing_guarantee: exactly_once_v2}}
                """);
        CommandLines commandLines = CommandLines.watchDescendants();
        CliHarness.Result run;
        try (commandLines) {
            run = CliHarness.run("run", spec.toString(), "--data-dir", data.toString());
        }
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("PostgreSQL 17 ready").contains("Kafka broker (KRaft) ready").contains("Drained in")
                .doesNotContain("no broker metrics"); // JMX answered, with its password

        // no password on any command line of the processes the run started (docs/reliability.md)
        String postgresPassword = Files.readString(data.resolve("postgres.password")).trim();
        String jmxPassword = Files.readString(data.resolve("secrets/jmx.password")).trim().split(" ")[1];
        assertThat(commandLines.seen()).as("the command lines seen").anyMatch(c -> c.contains("KafkaBrokerMain"))
                .anyMatch(c -> c.contains("GeneratorMain")).anyMatch(c -> c.contains("topology/target/quarkus-app"))
                .anyMatch(c -> c.contains("postgres"))
                .noneMatch(c -> c.contains(postgresPassword)).noneMatch(c -> c.contains(jmxPassword)).noneMatch(c -> c.contains("password="));
        // and every service of the stack (PostgreSQL, broker and JMX, topology, generator, Prometheus, exporters) listens on loopback only
        assertThat(commandLines.listening()).as("listening sockets").hasSizeGreaterThanOrEqualTo(6)
                .allMatch(a -> a.startsWith("127.0.0.1:") || a.startsWith("[::1]:"));

        Path runs = data.resolve("runs");
        Path runDir;
        try (var list = Files.list(runs)) {
            runDir = list.findFirst().orElseThrow();
        }
        String reportText = Files.readString(runDir.resolve("report.json"), StandardCharsets.UTF_8);
        JsonNode report = new ObjectMapper().readTree(reportText);
        assertThat(report.at("/events/generated").asLong()).isEqualTo(4200);
        assertThat(report.at("/events/lost").asLong()).isZero();
        // under exactly_once_v2 (the topology commits in transactions) the audit agrees and nothing counts twice
        assertThat(report.at("/processing/processing_guarantee").asText()).isEqualTo("exactly_once_v2");
        assertThat(report.at("/audit/verdict").asText()).as(report.get("audit").toString()).isEqualTo("agrees");
        assertThat(report.at("/audit/duplicates").asLong()).isZero();
        // and the dead letters of the corrupt mix are in the dead-letter topic once each, committed
        assertThat(report.at("/events/corrupt_sent").asLong()).isPositive().isEqualTo(report.at("/events/dead_lettered").asLong())
                .isEqualTo(report.at("/audit/by_type/market_data/dead_letter_records").asLong());
        assertThat(report.at("/audit/dead_letter_repeats").asLong()).isZero();
        assertThat(report.at("/audit/by_type/market_data/in_topics").asLong()).isEqualTo(3000);
        assertThat(report.get("resources").fieldNames()).toIterable().contains("broker", "postgres", "topology", "generator");
        assertThat(runDir.resolve("logs/topology.log")).exists();
        assertThat(data.resolve("postgres/PG_VERSION")).exists();
        assertThat(data.resolve("kafka/meta.properties")).exists();

        CliHarness.Result rebuilt = CliHarness.run("report", report.get("run_id").asText(), "--json", "--data-dir", data.toString());
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).isEqualTo(reportText);
    }
}
