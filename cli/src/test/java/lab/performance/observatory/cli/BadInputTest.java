package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input exits 2 with one line naming what to fix, before anything is started. */
class BadInputTest {

    @TempDir
    Path dir;

    Path spec(String body) throws Exception {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: bad}
                spec:
                  duration_seconds: 5
                """ + body);
        return file;
    }

    void assertRejected(CliHarness.Result result, String message) {
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").startsWith("observatory: ").contains(message);
        assertThat(result.out()).isEmpty();
        assertThat(dir.resolve("data")).doesNotExist(); // nothing was started
    }

    String[] run(Path spec) {
        return new String[] {"run", spec.toString(), "--data-dir", dir.resolve("data").toString()};
    }

    @Test
    void prometheusAndApiPortsAndStoredData() {
        String data = dir.resolve("data").toString();
        assertRejected(CliHarness.run("prometheus", "--port", "70000", "--data-dir", data), "--port: must be a port number 1..65535, not 70000");
        assertRejected(CliHarness.run("prometheus", "--data-dir", data), "no stored Prometheus data in");
        assertRejected(CliHarness.run("api", "--port", "0", "--data-dir", data), "--port: must be a port number 1..65535, not 0");
    }

    @Test
    void unknownDataType() throws Exception {
        assertRejected(CliHarness.run(run(spec("  data_sources: [{name: a, data_type: stocks, generation_rate: 5}]\n"))),
                "spec.data_sources[0].data_type: unknown data type 'stocks'");
    }

    @Test
    void zeroOrNegativeRate() throws Exception {
        assertRejected(CliHarness.run(run(spec("  data_sources: [{name: a, data_type: log_event, generation_rate: 0}]\n"))),
                "spec.data_sources[0].generation_rate: must be greater than 0 (got 0)");
        assertRejected(CliHarness.run(run(spec("  data_sources: [{name: a, data_type: log_event, generation_rate: -3}]\n"))),
                "spec.data_sources[0].generation_rate: must be greater than 0 (got -3)");
    }

    @Test
    void minBytesAboveMaxBytes() throws Exception {
        assertRejected(CliHarness.run(run(spec("  data_sources: [{name: a, data_type: log_event, generation_rate: 5, "
                        + "size_distribution: {min_bytes: 900, max_bytes: 100}}]\n"))),
                "spec.data_sources[0].size_distribution.min_bytes: must not exceed max_bytes (900 > 100)");
    }

    @Test
    void unknownField() throws Exception {
        assertRejected(CliHarness.run(run(spec("  data_sources: [{name: a, data_type: log_event, generation_rate: 5, colour: red}]\n"))),
                "spec.data_sources[0].colour: unknown field");
    }

    @Test
    void chaosAndClusterOptions() throws Exception {
        Path ok = spec("  data_sources: [{name: ticks, data_type: market_data, generation_rate: 50}]\n");
        String data = dir.resolve("data").toString();
        assertRejected(CliHarness.run("run", ok.toString(), "--brokers", "2", "--data-dir", data), "--brokers: 2 is not a local cluster size (1 or 3)");
        assertRejected(CliHarness.run("run", ok.toString(), "--brokers", "3", "--bootstrap-servers", "127.0.0.1:1", "--data-dir", data),
                "--brokers 3 starts embedded brokers: it does not go with --bootstrap-servers");
        assertRejected(CliHarness.run("chaos", ok.toString(), "--fault", "disk-full", "--data-dir", data),
                "--fault: unknown fault 'disk-full' (expected one of broker-restart, postgres-restart, topology-kill, registry-outage, "
                        + "network-stall, dead-letter-refused, a list of them, or all)");
        assertRejected(CliHarness.run("chaos", ok.toString(), "--fault", "broker-restart", "--data-dir", data),
                "broker-restart: the fault ends 15.0 s into a 5.0 s run");
        Path warm = spec("  warmup_seconds: 2\n  data_sources: [{name: ticks, data_type: market_data, generation_rate: 50}]\n");
        assertRejected(CliHarness.run("chaos", warm.toString(), "--fault", "network-stall", "--at", "1s", "--duration", "1s", "--run-duration", "20s",
                "--data-dir", data), "--at 1.0 s falls in the 2.0 s warm-up");
        assertRejected(CliHarness.run("chaos", ok.toString(), "--data-dir", data), "Missing required option: '--fault=FAULT[,FAULT...]'");
        assertRejected(CliHarness.run("chaos", ok.toString(), "--fault", "topology-kill,topology-kill", "--data-dir", data),
                "--fault: topology-kill is listed twice");
        assertRejected(CliHarness.run("chaos", ok.toString(), "--fault", "topology-kill:soon", "--data-dir", data),
                "--fault topology-kill: 'soon' is not a duration");
    }

    @Test
    void soakOptions() throws Exception {
        Path ok = spec("  data_sources: [{name: ticks, data_type: market_data, generation_rate: 50}]\n");
        String data = dir.resolve("data").toString();
        assertRejected(CliHarness.run("soak", ok.toString(), "--fraction", "1.5", "--data-dir", data),
                "--fraction: 1.5 is not a share of the max rate (more than 0, at most 1)");
        assertRejected(CliHarness.run("soak", ok.toString(), "--max-rate", "0", "--data-dir", data), "--max-rate: 0.0 is not a positive rate");
        assertRejected(CliHarness.run("soak", ok.toString(), "--max-rate", "100", "--start-rate", "50", "--data-dir", data),
                "--start-rate starts the search, which --max-rate skips: give one of them");
        assertRejected(CliHarness.run("soak", dir.resolve("nope.yaml").toString(), "--data-dir", data), "nope.yaml: no such spec file");
        assertThat(dir.resolve("data")).as("nothing started").doesNotExist();
    }

    @Test
    void ceilingOptions() throws Exception {
        Path ok = spec("  data_sources: [{name: ticks, data_type: market_data, generation_rate: 50}]\n");
        String data = dir.resolve("data").toString();
        assertRejected(CliHarness.run("ceiling", ok.toString(), "--ceiling-repeats", "0", "--data-dir", data),
                "--ceiling-repeats: 0 is not between 1 and 10");
        assertRejected(CliHarness.run("run", ok.toString(), "--ceiling", "--find-max", "--data-dir", data),
                "--ceiling does not go with --find-max: measure the ceiling beside one run");
        Path framed = spec("  data_sources: [{name: ticks, data_type: market_data, generation_rate: 50, framing: registry}]\n");
        assertRejected(CliHarness.run("ceiling", framed.toString(), "--registry", "apicurio", "--data-dir", data),
                "--ceiling: source ticks is registry-framed; the ceiling runs without a registry (use framing auto or single_object)");
        assertThat(dir.resolve("data")).as("nothing started").doesNotExist();
    }

    @Test
    void abOptions() throws Exception {
        Path ok = spec("  data_sources: [{name: ticks, data_type: market_data, generation_rate: 50}]\n");
        String data = dir.resolve("data").toString();
        assertRejected(CliHarness.run("ab", ok.toString(), "--strategies", "zero-copy,fast", "--data-dir", data),
                "--strategies: unknown strategy 'fast' (expected copying, zero-copy or generic)");
        assertRejected(CliHarness.run("ab", ok.toString(), "--strategies", "copying,copying", "--data-dir", data),
                "--strategies: give two or three different strategies, e.g. zero-copy,copying (not copying,copying)");
        assertRejected(CliHarness.run("ab", ok.toString(), "--strategies", "copying", "--data-dir", data),
                "--strategies: give two or three different strategies, e.g. zero-copy,copying (not copying)");
        assertRejected(CliHarness.run("ab", ok.toString(), "--rounds", "0", "--data-dir", data), "--rounds: 0 is not between 1 and 20");
        assertRejected(CliHarness.run("ab", ok.toString(), "--duration", "soon", "--data-dir", data), "soon");
        assertRejected(CliHarness.run("ab", dir.resolve("nope.yaml").toString(), "--data-dir", data), "nope.yaml: no such spec file");
        assertThat(dir.resolve("data")).as("nothing started").doesNotExist();
    }

    @Test
    void missingFile() {
        assertRejected(CliHarness.run(run(dir.resolve("nope.yaml"))), "nope.yaml: no such spec file");
    }

    @Test
    void planIsOfflineAndExplainsItself() throws Exception {
        Path ok = spec("  data_sources: [{name: ticks, data_type: market_data, generation_rate: 80000}]\n");
        CliHarness.Result plan = CliHarness.run("plan", ok.toString(), "--brokers", "3", "--data-dir", dir.resolve("data").toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("obs.bad.ticks").contains("obs.bad.dead-letter")
                .contains("peak 80,000 events/s x 1.3 headroom / 10,000 per partition").contains("a divisor of");
        assertThat(dir.resolve("data")).doesNotExist(); // offline: nothing started
        CliHarness.Result json = CliHarness.run("plan", ok.toString(), "--json", "--data-dir", dir.resolve("data").toString());
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).at("/topics/0/partitions/value").asLong())
                .isEqualTo(11);
    }

    @Test
    void badArguments() throws Exception {
        Path ok = spec("  data_sources: [{name: a, data_type: log_event, generation_rate: 5}]\n");
        assertRejected(CliHarness.run("run", ok.toString(), "--duration", "soon", "--data-dir", dir.resolve("data").toString()),
                "'soon' is not a duration");
        assertRejected(CliHarness.run("run"), "Missing required parameter: 'SPEC.yaml'");
        assertRejected(CliHarness.run("launch"), "Unmatched argument at index 0: 'launch'");
        assertRejected(CliHarness.run("runs", "--limit", "0", "--data-dir", dir.resolve("data").toString()), "--limit must be at least 1");
        String data = dir.resolve("data").toString();
        assertRejected(CliHarness.run("run", ok.toString(), "--start-rate", "5000", "--data-dir", data), "--start-rate only goes with --find-max");
        assertRejected(CliHarness.run("run", ok.toString(), "--find-max", "--bare", "--data-dir", data), "--bare and --find-max do not go together");
        assertRejected(CliHarness.run("run", ok.toString(), "--find-max", "--start-rate", "-4", "--data-dir", data),
                "--start-rate: must be a positive number");
        assertRejected(CliHarness.run("run", ok.toString(), "--alpha", "2", "--data-dir", data), "alpha must be between 0 and 1");
        assertRejected(CliHarness.run("run", ok.toString(), "--run-id", "bad id", "--data-dir", data), "--run-id: 'bad id' is not a run id");
        assertRejected(CliHarness.run("run", ok.toString(), "--run-id", "r1", "--find-max", "--data-dir", data), "--run-id does not go with --find-max");
        assertRejected(CliHarness.run("run", ok.toString(), "--port", "8091", "--data-dir", data), "--port only goes with --serve");
        assertRejected(CliHarness.run("run", ok.toString(), "--adopt-baseline", "--data-dir", data), "--adopt-baseline needs --baseline NAME");
        assertRejected(CliHarness.run("run", ok.toString(), "--serve", "--port", "0", "--data-dir", data), "--port: must be a port number");
        assertRejected(CliHarness.run("compare", "some-run", "--baseline", "b", "--alpha", "0", "--data-dir", data),
                "alpha must be between 0 and 1");
        assertRejected(CliHarness.run("compare", "some-run", "--data-dir", data), "Missing required option: '--baseline=RUN_ID|NAME'");
        assertRejected(CliHarness.run("history", "--metric", "speed", "--data-dir", data), "--metric: unknown metric 'speed'");
        assertRejected(CliHarness.run("history", "--metric", "rss_mb", "--p-value", "1.5", "--data-dir", data), "--p-value: must be between 0 and 1");
        assertRejected(CliHarness.run("baseline", "set", "r", "--name", " ", "--data-dir", data), "--name: a baseline name cannot be blank");
        assertRejected(CliHarness.run("plan", ok.toString(), "--brokers", "0", "--data-dir", data), "--brokers: a cluster has at least 1 broker");
        assertRejected(CliHarness.run("plan", ok.toString(), "--replica-cpu", "-1", "--data-dir", data), "--replica-cpu: must be a positive");
    }

    @Test
    void validateAcceptsEveryShippedProfile() throws Exception {
        List<Path> profiles = new java.util.ArrayList<>();
        for (String dir : List.of("load-profiles", "load-profiles/recordings")) { // and the specs the shipped recordings were made from
            try (var files = java.nio.file.Files.list(ObservatoryCli.home().resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml")).sorted()
                        .forEach(profiles::add);
            }
        }
        assertThat(profiles).hasSizeGreaterThanOrEqualTo(12);
        for (Path profile : profiles) {
            CliHarness.Result result = CliHarness.run("validate", profile.toString());
            assertThat(result.exitCode()).as(profile + ": " + result.err()).isZero();
            assertThat(result.out()).contains("valid: ");
        }
        // streams multiply what a source offers: five streams of 1,000 events/s
        assertThat(CliHarness.run("validate", ObservatoryCli.home().resolve("load-profiles/stream-processor.yaml").toString()).out())
                .contains("1 source(s) x 5 stream(s), 5,000 events/s offered");
    }
}
