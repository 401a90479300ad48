package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.stack.EmbeddedStack;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A topology that dies in the middle of a run fails the run at once with its exit status
 * (docs/reliability.md, "A topology that cannot go on"), instead of the run generating on, waiting
 * out its drain timeout and calling the rest lost.
 */
class TopologyStoppedRunIT {

    @TempDir
    Path dir;

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: stopped}
            spec:
              duration_seconds: 120
              warmup_seconds: 1
              data_sources:
                - {name: market, data_type: market_data, generation_rate: 200}
            """;

    /** The run's topology JVM: a child of this one whose command line runs the topology's jar. */
    static List<ProcessHandle> topologies() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("topology/target/quarkus-app/quarkus-run.jar")).orElse(false))
                .toList();
    }

    /** Progress lines the run's generator has logged (one a second while it sends). */
    static long progressReports(Path data) throws java.io.IOException {
        Path runs = data.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        try (var logs = Files.walk(runs)) {
            List<Path> generator = logs.filter(p -> p.getFileName().toString().equals("generator.log")).toList();
            long n = 0;
            for (Path log : generator) {
                n += Files.readAllLines(log).stream().filter(l -> l.contains("\"event\":\"progress\"")).count();
            }
            return n;
        }
    }

    @Test
    void aTopologyKilledMidRunFailsTheRunAtOnceWithItsExitStatus() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        Path spec = dir.resolve("stopped.yaml");
        Files.writeString(spec, SPEC);
        Path data = dir.resolve("data");
        CompletableFuture<CliHarness.Result> run = CompletableFuture.supplyAsync(() -> CliHarness.run("run", spec.toString(),
                "--data-dir", data.toString(), "--bootstrap-servers", stack.bootstrapServers(), "--jdbc-url", stack.jdbcUrl(), "--no-profile"));
        // generation under way: the run's generator has reported acknowledged events twice
        Awaitility.await("the run's generation").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> progressReports(data) >= 2);
        List<ProcessHandle> topology = topologies();
        assertThat(topology).as("the run's topology process").hasSize(1);
        topology.get(0).destroyForcibly();

        CliHarness.Result r = run.get(60, TimeUnit.SECONDS); // a run of 120 s, had it gone on
        assertThat(r.exitCode()).as(r.out() + r.err()).isNotZero();
        assertThat(r.err()).containsPattern("observatory: run (\\S+): the topology exited with status 137 \\(see .*topology\\.log\\)");
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("observatory: run (\\S+): the topology exited").matcher(r.err());
        assertThat(id.find()).isTrue();
        String runId = id.group(1);
        lab.performance.observatory.store.RunStore store = new lab.performance.observatory.store.RunStore(stack.dataSource());
        assertThat(store.runs().status(runId)).hasValue("failed");
    }
}
