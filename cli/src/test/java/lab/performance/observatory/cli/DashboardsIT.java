package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.observe.Dashboards;
import lab.performance.observatory.observe.PrometheusApi;
import lab.performance.observatory.stack.EmbeddedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboards proven against a real local run, since no Grafana server can run here:
 * two short runs with {@code --prometheus} (the second judged against the first; the first with a
 * bursty source, so a backlog grows and shrinks and the drain ETA exists), then every PromQL
 * expression of every pipeline dashboard, its template variables resolved through Prometheus's
 * API, must return series over the runs from the Prometheus the CLI started (serving what it
 * stored), and every SQL panel must return rows from the real PostgreSQL. A dashboard naming a
 * metric no component exports finds nothing and fails. The operator's dashboard is proven the
 * same way in the operator's tests.
 */
class DashboardsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BENCHMARK = "dashboards";

    @TempDir
    Path dir;

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: dashboards}
            spec:
              duration_seconds: 20
              warmup_seconds: 2
              concurrent_streams: 1
              data_sources:
                - {name: market, data_type: market_data, generation_rate: 1200}
                - {name: logs, data_type: log_event, generation_rate: 400,
                   pattern: {type: bursty, burst_multiplier: 5, burst_seconds: 2, quiet_seconds: 5}}
            """;

    @Test
    void everyPipelineDashboardQueryReturnsDataAfterARun() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        Path spec = dir.resolve("dashboards.yaml");
        Files.writeString(spec, SPEC);
        Path data = dir.resolve("data");
        String[] common = {"--data-dir", data.toString(), "--bootstrap-servers", stack.bootstrapServers(), "--jdbc-url", stack.jdbcUrl(),
                "--no-profile", "--prometheus"};

        // the first run of a schedule (the k3s regression CronJob's command): no baseline yet, so it becomes it
        CliHarness.Result first = CliHarness.run(ObservatoryRunIT.concat(new String[] {"run", spec.toString(), "--out", dir.resolve("first").toString(),
                "--baseline", "dashboards-base", "--adopt-baseline"}, common));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("Prometheus: http://127.0.0.1:").contains("Baseline dashboards-base is not set yet");
        JsonNode firstReport = JSON.readTree(dir.resolve("first/report.json").toFile());
        String firstRun = firstReport.get("run_id").asText();
        assertThat(first.err()).contains("Baseline dashboards-base is now run " + firstRun);
        CliHarness.Result second = CliHarness.run(ObservatoryRunIT.concat(new String[] {"run", spec.toString(), "--out", dir.resolve("second").toString(),
                "--baseline", "dashboards-base", "--duration", "10s"}, common));
        assertThat(second.exitCode()).as(second.err()).isIn(0, 1); // 1: judged a regression, which the dashboards must show too
        assertThat(second.err()).as("judged against the baseline the first run set").contains("Judged against baseline");
        JsonNode secondReport = JSON.readTree(dir.resolve("second/report.json").toFile());

        // the report's timeline carries lag sampled during the run
        assertThat(secondReport.get("timeline")).anySatisfy(p -> assertThat(p.get("lag_records").isNumber()).isTrue());

        Instant from = Instant.parse(firstReport.at("/timing/generation_started_at").asText()).minusSeconds(5);
        Instant to = Instant.parse(secondReport.at("/timing/ended_at").asText()).plusSeconds(5);
        try (LocalPrometheus prometheus = LocalPrometheus.start(LocalPrometheus.binary("test"), data.resolve("prometheus"), 0, false,
                dir.resolve("prometheus-serve.log"), lab.performance.observatory.core.time.NanoClock.system())) {
            PrometheusApi api = new PrometheusApi(prometheus.url());
            List<String> empty = new ArrayList<>();
            int queries = 0;
            for (Dashboards dashboard : Dashboards.all()) {
                if (dashboard.name().equals("operator.json")) {
                    continue;
                }
                assertThat(dashboard.problems()).isEmpty();
                // the first run's bursty logs: after each burst its backlog shrinks, which is when a drain ETA exists
                RunNaming naming = new RunNaming(firstRun);
                Map<String, String> pinned = Map.of("benchmark", BENCHMARK, "group", naming.applicationId(),
                        "topic", naming.topicPrefix() + ".logs");
                for (Dashboards.Outcome o : dashboard.run(api, stack.dataSource(), from, to, pinned)) {
                    queries++;
                    if (o.found() == 0) {
                        empty.add(o.query().where() + ": " + o.resolved());
                    }
                }
            }
            assertThat(empty).as("queries that returned nothing").isEmpty();
            assertThat(queries).isGreaterThan(25);
        }
    }
}
