package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.performance.observatory.core.lifecycle.TopologyLaunch;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.plan.TopicPlan;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.generator.LoadGenerator;
import lab.performance.observatory.observe.Exposition;
import lab.performance.observatory.observe.LagExporter;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.process.FreePorts;
import lab.performance.observatory.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact lag of the real topology process, paused with SIGSTOP while events keep arriving: the age of
 * its oldest unconsumed record grows with wall time (within a second), and once it is resumed with
 * SIGCONT its group drains back to 0 records and 0 s.
 */
class PausedTopologyLagIT {

    @TempDir
    Path dir;

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: paused}
            spec:
              duration_seconds: 3
              data_sources:
                - {name: market, data_type: market_data, generation_rate: 500}
            """;

    static void signal(ChildProcess process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.handle().pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }

    private static void generate(EmbeddedStack stack, BenchmarkSpec spec, String runId) throws Exception {
        try (Producer<byte[], byte[]> producer = LoadGenerator.kafkaProducer(
                LoadGenerator.producerProperties(stack.bootstrapServers(), "paused-" + runId, spec.producer()))) {
            new LoadGenerator(spec, runId, producer, NanoClock.system()).run(c -> { }, Duration.ofSeconds(1));
        }
    }

    @Test
    void aPausedTopologysLagAgesWithWallTimeAndDrainsToZeroWhenResumed() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        BenchmarkSpec spec = SpecParser.parse(SPEC);
        RunNaming naming = new RunNaming(RunNaming.newRunId("paused", java.time.Instant.now(), new java.util.SplittableRandom()));
        Plan plan = Planner.plan(spec, naming.topicPrefix(), Cluster.local(1, 1), CapacityModel.DEFAULT);
        for (TopicPlan t : plan.topics()) {
            stack.admin().createTopics(List.of(new NewTopic(t.name(), (int) t.partitions().value(), (short) 1))).all().get();
        }
        int port = FreePorts.pick();
        Map<String, String> props = new LinkedHashMap<>(TopologyLaunch.properties(spec, plan,
                new TopologyLaunch.Target(stack.bootstrapServers(), naming.applicationId(), Optional.empty(), true)));
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("kafka-streams.state.dir", dir.resolve("state").toString());
        ChildSecrets.Database database = ChildSecrets.Database.of(stack.jdbcUrl(), dir.resolve("secrets"));
        props.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        String group = naming.applicationId();
        HttpClient http = HttpClient.newHttpClient();
        try (ChildProcess topology = ChildJvms.topology(props, database.environment(), dir.resolve("topology.log"), null);
             LagExporter exporter = LagExporter.start(stack.bootstrapServers(), group::equals, "127.0.0.1", 0, NanoClock.system())) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            generate(stack, spec, naming.runId());
            String g = "group=\"" + group + "\"";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Exposition.scrape(exporter.url()).value("observatory_consumer_group_lag_records", g)).hasValue(0));

            signal(topology, "STOP");
            try {
                generate(stack, spec, naming.runId());
                Exposition first = Exposition.scrape(exporter.url());
                long firstAt = System.nanoTime();
                assertThat(first.value("observatory_consumer_group_lag_records", g).orElseThrow()).as("what arrived while paused")
                        .isEqualTo(1500);
                double age = first.value("observatory_consumer_group_lag_seconds", g).orElseThrow();
                assertThat(age).as("the oldest waiting event was due about 3 s ago").isBetween(2.0, 5.0);
                Thread.sleep(3000);
                Exposition later = Exposition.scrape(exporter.url());
                double waited = (System.nanoTime() - firstAt) / 1e9;
                assertThat(later.value("observatory_consumer_group_lag_seconds", g).orElseThrow() - age).as("grows with wall time")
                        .isCloseTo(waited, within(1.0));
                assertThat(later.value("observatory_consumer_group_lag_drain_eta_seconds", g)).as("nothing is consumed").isEmpty();
            } finally {
                signal(topology, "CONT");
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Exposition drained = Exposition.scrape(exporter.url());
                assertThat(drained.value("observatory_consumer_group_lag_records", g)).hasValue(0);
                assertThat(drained.value("observatory_consumer_group_lag_seconds", g)).hasValue(0);
            });
        }
    }
}
