package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.RunComparator;
import lab.performance.observatory.stack.EmbeddedStack;
import lab.performance.observatory.store.RunStore;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.time.Instant;
import lab.performance.observatory.observe.Dashboards;
import lab.performance.observatory.observe.Exposition;
import lab.performance.observatory.observe.TestPrometheus;
import org.junit.jupiter.api.Test;

/**
 * A benchmark applied to the operator runs for real: its KafkaTopics become topics on the KRaft
 * broker, the topology Deployment runs the topology jar, the generator Job runs two generator
 * processes, and the operator moves the benchmark through Provisioning, Running and Analyzing to
 * Completed with results it read from PostgreSQL. A second run, judged against the first, gets a
 * verdict. (The mock API server has no controllers: {@link LocalCluster} plays Strimzi and the kubelet.)
 */
@QuarkusTest
@TestProfile(LocalClusterProfile.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrds.class)
class BenchmarkRunEndToEndIT {

    static final String NAMESPACE = "bench";
    static final Duration RUN_WAIT = Duration.ofMinutes(3);

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: e2e, namespace: bench}
            spec:
              duration_seconds: 8
              warmup_seconds: 2
              concurrent_streams: 1
              data_sources:
                - name: market
                  data_type: market_data
                  generation_rate: 1500
                  pattern: {type: steady}
                - name: logs
                  data_type: log_event
                  generation_rate: 500
                  pattern: {type: steady}
              performance_targets:
                min_throughput_eps: 1900
                max_p99_latency_ms: 2000
            """;

    @io.quarkus.test.kubernetes.client.KubernetesTestServer
    io.quarkus.test.kubernetes.client.KubernetesServer server;

    /** The operator's own client (its calls are recorded and checked against the shipped Role: OperatorCalls). */
    @Inject
    KubernetesClient operatorClient;

    /** The tests' client: what they do as users, Strimzi or the kubelet is not the operator's. */
    KubernetesClient client;

    @org.junit.jupiter.api.BeforeEach
    void testClient() {
        client = OperatorCalls.testClient(operatorClient);
    }

    @org.junit.jupiter.api.AfterEach
    void operatorCallsAreGrantedByTheShippedRole() throws InterruptedException {
        client.close();
        OperatorCalls.drainAndCheck(server);
    }

    @org.junit.jupiter.api.AfterAll
    static void theShippedRoleGrantsNothingUnused() {
        OperatorCalls.classDone(BenchmarkRunEndToEndIT.class);
    }

    @TestHTTPResource("/q/metrics")
    URL metrics;

    PipelineBenchmark benchmark() {
        return client.resources(PipelineBenchmark.class).inNamespace(NAMESPACE).withName("e2e").get();
    }

    @Test
    void aBenchmarkRunsThroughEveryPhaseAndReportsWhatThePipelineMeasured() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        client.resource(new SecretBuilder().withNewMetadata().withName("observatory-postgres").withNamespace(NAMESPACE).endMetadata()
                .addToStringData("jdbc-url", stack.jdbcUrl()).build()).create();
        Path logs = Path.of("target", "local-cluster").toAbsolutePath();
        List<PipelineBenchmarkStatus.Phase> seen = new ArrayList<>();
        Instant started = Instant.now();
        try (LocalCluster cluster = new LocalCluster(client, NAMESPACE, stack, logs);
             TestPrometheus prometheus = TestPrometheus.start(logs.resolve("prometheus"), Map.of("operator", metrics.toString()))) {
            PipelineBenchmark resource = CrdSchemas.JSON.treeToValue(CrdSchemas.YAML.readTree(SPEC), PipelineBenchmark.class);
            client.resource(resource).create();
            PipelineBenchmarkStatus first = awaitCompletion(cluster, seen);

            // every phase the benchmark entered is announced as an Event, so the whole path is on record however fast it went
            assertThat(phaseEvents()).contains("Provisioning", "Running", "Analyzing", "Completed").doesNotContain("Failed");
            assertThat(seen).containsSubsequence(PipelineBenchmarkStatus.Phase.Provisioning, PipelineBenchmarkStatus.Phase.Running,
                    PipelineBenchmarkStatus.Phase.Completed);
            assertThat(first.plan.generatorParallelism).as("planned generator pods").isEqualTo(2);
            assertThat(first.run.generatorInstances).isEqualTo(2);
            Job job = client.batch().v1().jobs().inNamespace(NAMESPACE).withName(first.run.generatorJob).get();
            assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
            assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getUid()).isEqualTo(benchmark().getMetadata().getUid()));

            // the status agrees with what the generators and the topology wrote to PostgreSQL
            RunStore store = new RunStore(stack.dataSource());
            RunReport report = store.reports().report(first.results.runId).orElseThrow();
            long acked = store.generators().totals(first.results.runId).stream().mapToLong(SourceTotals::acked).sum();
            // 2,000 events/s for 8 s, in two equal shares: exactly what the open-loop schedules hold
            assertThat(acked).as("both generator pods' shares").isEqualTo(16_000L);
            assertThat(store.generators().totals(first.results.runId)).extracting(SourceTotals::acked).containsExactlyInAnyOrder(4_000L, 12_000L);
            assertThat(first.results.generated).isEqualTo(acked);
            assertThat(first.results.processed).isEqualTo(report.events().processed()).isEqualTo(acked);
            assertThat(first.results.lost).isZero();
            // the auditor counted the benchmark's topics itself, through the operator's executor
            assertThat(report.audit().verdict()).as(report.audit().toString()).isEqualTo("agrees");
            assertThat(report.audit().byType().values().stream().mapToLong(RunReport.AuditLine::inTopics).sum()).isEqualTo(16_000L);
            // what the topology processed in the measured interval: near the offered 2,000/s, above it while a cold topology
            // catches up on its warm-up backlog (a real effect of 2 s warm-ups, not an error of the count)
            assertThat(first.results.achievedEventsPerSecond).isEqualTo(Math.round(report.throughput().sustainedEps() * 10) / 10.0)
                    .isBetween(1_500.0, 3_500.0);
            assertThat(first.results.p99Ms).isPositive();
            // CPU and memory of the pods, as the metrics API reported them while the run went on
            assertThat(report.resources()).containsKeys("topology", "generator");
            assertThat(report.resources().get("topology").cpuCores()).isPositive();
            assertThat(report.resources().get("topology").peakRssMb()).isBetween(50.0, 1024.0);
            assertThat(first.results.targetsMet).isEqualTo(report.targets().met());
            assertThat(first.results.verdict).isEqualTo(RunResults.NO_BASELINE);
            assertThat(first.results.report).contains(first.results.runId);
            assertThat(store.runs().status(first.results.runId)).hasValue("completed");
            // a finished run's topology gives its cores back
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    client.apps().deployments().inNamespace(NAMESPACE).withName("e2e-topology").get().getSpec().getReplicas() == 0);

            // the first run becomes the baseline; naming it in the spec is an edit, so the benchmark runs again and is judged
            store.baselines().set("e2e-main", first.results.runId);
            // the operator updates the status meanwhile: an edit of a stale version is refused (409) and tried again
            await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class).until(() -> {
                client.resources(PipelineBenchmark.class).inNamespace(NAMESPACE).withName("e2e").edit(b -> {
                    b.getSpec().comparisonBaseline = "e2e-main";
                    return b;
                });
                return true;
            });
            seen.clear();
            await().atMost(Duration.ofSeconds(20)).until(() -> benchmark().getStatus().run == null
                    || !first.results.runId.equals(benchmark().getStatus().run.id));
            PipelineBenchmarkStatus second = awaitCompletion(cluster, seen);
            assertThat(second.results.runId).isNotEqualTo(first.results.runId);
            assertThat(second.results.baseline).isEqualTo("e2e-main (run " + first.results.runId + ")");
            // the verdict is the comparator's on what PostgreSQL holds, with the operator's configured thresholds
            RunReport secondReport = store.reports().report(second.results.runId).orElseThrow();
            Comparison expected = RunComparator.compare(secondReport, report, "e2e-main", LocalClusterProfile.THRESHOLDS);
            assertThat(second.results.verdict).isEqualTo(expected.verdict().wireName());
            assertThat(second.results.regressions == null ? List.<String>of() : second.results.regressions)
                    .containsExactlyElementsOf(expected.regressions().stream().map(m -> m.metric() + ": " + m.reason()).toList());
            assertThat(store.reports().report(second.results.runId).orElseThrow().plan().generatorParallelism().value()).isEqualTo(2);
            assertThat(second.results.lost).isZero();
            // the second run writes to the same topics: the auditor counts only its own records
            assertThat(secondReport.audit().verdict()).as(secondReport.audit().toString()).isEqualTo("agrees");
            assertThat(secondReport.audit().byType().values().stream().mapToLong(RunReport.AuditLine::inTopics).sum())
                    .isEqualTo(secondReport.events().generated());
            Deployment topology = client.apps().deployments().inNamespace(NAMESPACE).withName("e2e-topology").get();
            assertThat(topology.getMetadata().getOwnerReferences()).hasSize(1);
            // the operator's own exposition is clean, and every query of its dashboard finds what the two runs left
            assertThat(Exposition.scrape(metrics.toString()).promtoolProblems()).isEmpty();
            // until Prometheus has scraped the operator after the second run's results (its scrapes slow down on a busy machine)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<String> empty = new ArrayList<>();
                for (Dashboards.Outcome o : Dashboards.named("operator.json").run(prometheus.api(), stack.dataSource(), started, Instant.now(),
                        Map.of("benchmark", "e2e"))) {
                    if (o.found() == 0) {
                        empty.add(o.query().where() + ": " + o.resolved());
                    }
                }
                assertThat(empty).as("operator dashboard queries that returned nothing").isEmpty();
            });
            System.out.printf("operator end to end: run 1 %s %.0f ev/s p99 %.1f ms, topology %.2f cores %.0f MB; "
                            + "run 2 %s %.0f ev/s p99 %.1f ms, verdict %s%n",
                    first.results.runId, first.results.achievedEventsPerSecond, first.results.p99Ms,
                    report.resources().get("topology").cpuCores(), report.resources().get("topology").peakRssMb(),
                    second.results.runId, second.results.achievedEventsPerSecond, second.results.p99Ms, second.results.verdict);
        } finally {
            client.resources(PipelineBenchmark.class).inNamespace(NAMESPACE).delete();
        }
    }

    /** The phases the benchmark's Events announce (each phase it entered, once). */
    List<String> phaseEvents() {
        return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> "e2e".equals(e.getInvolvedObject().getName()) && e.getMessage().contains(":"))
                .map(e -> e.getMessage().substring(0, e.getMessage().indexOf(':')))
                .toList();
    }

    private PipelineBenchmarkStatus awaitCompletion(LocalCluster cluster, List<PipelineBenchmarkStatus.Phase> seen) {
        await().atMost(RUN_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(cluster.failure()).as("local cluster").isNull();
            PipelineBenchmark b = benchmark();
            if (b.getStatus() == null || b.getStatus().phase == null) {
                return false;
            }
            if (seen.isEmpty() || seen.get(seen.size() - 1) != b.getStatus().phase) {
                seen.add(b.getStatus().phase);
            }
            assertThat(b.getStatus().phase).as("phase; conditions %s", b.getStatus().conditions)
                    .isNotIn(PipelineBenchmarkStatus.Phase.Failed, PipelineBenchmarkStatus.Phase.Invalid);
            return b.getStatus().phase == PipelineBenchmarkStatus.Phase.Completed;
        });
        return benchmark().getStatus();
    }
}
