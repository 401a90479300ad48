package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import lab.performance.observatory.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 10-second benchmark: generator, broker, topology and PostgreSQL all real, the CLI pointed
 * at this JVM's broker and PostgreSQL. Nothing may be lost, and the stored report must be
 * rebuildable exactly.
 */
class ObservatoryRunIT {

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: ten-seconds}
            spec:
              duration_seconds: 10
              warmup_seconds: 2
              concurrent_streams: 2
              data_sources:
                - {name: market, data_type: market_data, generation_rate: 1500, size_distribution: {min_bytes: 64, max_bytes: 300}}
                - {name: sensors, data_type: iot_sensor, generation_rate: 800,
                   pattern: {type: bursty, burst_multiplier: 3, burst_seconds: 1, quiet_seconds: 2},
                   size_distribution: {min_bytes: 100, max_bytes: 900, distribution: normal}}
                - {name: logs, data_type: log_event, generation_rate: 400, pattern: {type: periodic, period_seconds: 5, amplitude: 200}}
              performance_targets: {max_memory_mb: 2048}
            """;

    @Test
    void aTenSecondBenchmarkLosesNothingAndItsReportRebuildsFromPostgres() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        Path spec = dir.resolve("ten-seconds.yaml");
        Files.writeString(spec, SPEC);
        Path out = dir.resolve("out");

        CliHarness.Result run = CliHarness.run("run", spec.toString(), "--out", out.toString(), "--data-dir", dir.resolve("data").toString(),
                "--bootstrap-servers", stack.bootstrapServers(), "--jdbc-url", stack.jdbcUrl());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("total").contains("Targets: met");

        String reportText = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        JsonNode report = JSON.readTree(reportText);
        String runId = report.get("run_id").asText();
        JsonNode events = report.get("events");
        long generated = events.get("generated").asLong();
        long processed = events.get("processed").asLong();
        assertThat(generated).isGreaterThan(25_000);
        assertThat(generated).isEqualTo(processed + events.get("dead_lettered").asLong());
        assertThat(events.get("lost").asLong()).isZero();
        assertThat(events.get("undrained").asLong()).isZero();
        assertThat(report.at("/latency_ms/end_to_end/count").asLong()).isPositive();
        assertThat(report.at("/latency_ms/end_to_end/p99").asDouble()).isPositive();
        assertThat(report.at("/throughput/sustained_eps").asDouble()).isGreaterThan(1500);
        assertThat(report.get("by_type").fieldNames()).toIterable().containsExactlyInAnyOrder("market_data", "iot_sensor", "log_event");
        assertThat(report.get("resources").fieldNames()).toIterable().contains("topology", "generator");
        assertThat(report.at("/resources/topology/peak_rss_mb").asDouble()).isPositive();
        assertThat(report.at("/targets/met").asBoolean()).isTrue();
        assertThat(report.at("/environment/cpu_cores").asText()).isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
        // the three latencies, each over the same events the generator sent after warm-up
        assertThat(report.at("/latency_ms/publish/count").asLong()).isPositive();
        assertThat(report.at("/latency_ms/schedule_slip/count").asLong()).isEqualTo(report.at("/latency_ms/publish/count").asLong());
        assertThat(report.at("/warmup_latency_ms/end_to_end/count").asLong()).isPositive();
        assertThat(report.get("latency_distribution_ms")).hasSizeGreaterThan(10);
        // flight recordings: GC figures, hot methods and flamegraphs of the topology, and the HTML report
        assertThat(report.at("/resources/topology/jvm/allocation_mb_per_second").asDouble()).isPositive();
        assertThat(report.at("/resources/topology/peak_threads").asInt()).isPositive();
        assertThat(report.get("hot_methods")).anySatisfy(m -> assertThat(m.get("component").asText()).isEqualTo("topology"));
        for (String artifact : new String[] {"topology_cpu_flamegraph", "topology_alloc_flamegraph", "html_report"}) {
            Path file = Path.of(report.at("/artifacts/" + artifact).asText());
            assertThat(file).as(artifact).isRegularFile();
            assertThat(Files.size(file)).as(artifact).isGreaterThan(10_000);
        }
        assertThat(Files.readString(out.resolve("report.html"))).contains("uPlot").contains(runId);

        // the window sums in PostgreSQL are what the report says was processed
        try (Connection c = stack.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT sum(events), sum(dead_lettered) FROM window_metrics WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(processed);
            }
        }

        // report RUN_ID --json rebuilds the same document from PostgreSQL alone
        CliHarness.Result rebuilt = CliHarness.run("report", runId, "--json", "--jdbc-url", stack.jdbcUrl(),
                "--data-dir", dir.resolve("data").toString());
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).isEqualTo(reportText);

        CliHarness.Result runs = CliHarness.run("runs", "--jdbc-url", stack.jdbcUrl(), "--data-dir", dir.resolve("data").toString());
        assertThat(runs.out()).contains(runId).contains("completed");

        // baseline set, then compare the run with itself: an A/A comparison of identical samples finds nothing
        String[] db = {"--jdbc-url", stack.jdbcUrl(), "--data-dir", dir.resolve("data").toString()};
        CliHarness.Result set = CliHarness.run(concat(new String[] {"baseline", "set", runId, "--name", "it-" + runId}, db));
        assertThat(set.exitCode()).as(set.err()).isZero();
        CliHarness.Result compare = CliHarness.run(concat(new String[] {"compare", runId, "--baseline", "it-" + runId, "--json"}, db));
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        JsonNode comparison = JSON.readTree(compare.out());
        assertThat(comparison.get("verdict").asText()).isEqualTo("NO_SIGNIFICANT_CHANGE");
        assertThat(comparison.get("metrics")).anySatisfy(m -> {
            assertThat(m.get("metric").asText()).isEqualTo("throughput_eps");
            assertThat(m.get("p_value").asDouble()).isEqualTo(1.0);
        });
        CliHarness.Result history = CliHarness.run(concat(new String[] {"history", "--metric", "end_to_end_p99_ms", "--spec", "ten-seconds"}, db));
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains(runId).contains("Too few runs");
        CliHarness.Result plan = CliHarness.run(concat(new String[] {"plan", spec.toString(), "--capacity-from", "it-" + runId, "--json"}, db));
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(JSON.readTree(plan.out()).get("capacity_source").asText()).contains(runId);
        CliHarness.Result unknown = CliHarness.run(concat(new String[] {"compare", runId, "--baseline", "no-such-baseline"}, db));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines()).hasSize(1);

        // the input topics are gone, nothing was dead-lettered so neither is the dead-letter topic
        try (Admin admin = stack.admin()) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).noneMatch(t -> t.contains(runId));
        }
    }
}
