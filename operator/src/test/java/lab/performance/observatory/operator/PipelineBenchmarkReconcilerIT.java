package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import lab.performance.observatory.stack.EmbeddedStack;
import lab.performance.observatory.store.RunStore;
import org.junit.jupiter.api.Test;

/**
 * The reconciler against the fabric8 mock API server in CRUD mode, with both CRDs installed. The
 * server runs no controllers: where a test needs Strimzi or the Job controller to have acted, it
 * writes their status itself. Runs are recorded in the test JVM's real PostgreSQL.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrds.class)
@QuarkusTestResource(LocalClusterProfile.Stack.class)
class PipelineBenchmarkReconcilerIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    /** Five one-step decisions, one per recheck (500 ms in tests), with room for a slow machine. */
    static final Duration SCALING_WAIT = Duration.ofSeconds(40);

    @KubernetesTestServer
    KubernetesServer server;

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
        // benchmarks left behind would keep being rechecked and slow every later test
        client.resources(PipelineBenchmark.class).inAnyNamespace().delete();
        client.close();
        OperatorCalls.drainAndCheck(server);
    }

    @org.junit.jupiter.api.AfterAll
    static void theShippedRoleGrantsNothingUnused() {
        OperatorCalls.classDone(PipelineBenchmarkReconcilerIT.class);
    }

    @Inject
    SimulatedConsumerLag lag;


    static PipelineBenchmark fromProfile(String profile, String name, String namespace) throws IOException {
        JsonNode yaml = CrdSchemas.YAML.readTree(Path.of("../load-profiles/" + profile).toFile());
        PipelineBenchmark resource = CrdSchemas.JSON.treeToValue(yaml, PipelineBenchmark.class);
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        return resource;
    }

    PipelineBenchmark status(String namespace, String name) {
        return client.resources(PipelineBenchmark.class).inNamespace(namespace).withName(name).get();
    }

    List<KafkaTopic> topicsOf(String namespace, String benchmark) {
        return client.resources(KafkaTopic.class).inNamespace(namespace).withLabel(BenchmarkNames.BENCHMARK_LABEL, benchmark).list().getItems();
    }

    static Condition condition(PipelineBenchmark r, String type) {
        return r.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    @Test
    void aBenchmarkBecomesValidStrimziTopicsAndATopologyDeployment() throws Exception {
        PipelineBenchmark created = client.resource(fromProfile("baseline.yaml", "base", "team-a")).create();
        await().atMost(WAIT).until(() -> status("team-a", "base").getStatus() != null
                && status("team-a", "base").getStatus().phase == PipelineBenchmarkStatus.Phase.Provisioning);

        List<KafkaTopic> topics = topicsOf("team-a", "base");
        assertThat(topics).extracting(t -> t.getMetadata().getName()).containsExactlyInAnyOrder(
                "obs.team-a.base.market", "obs.team-a.base.sensors", "obs.team-a.base.logs", "obs.team-a.base.dead-letter");
        CrdSchemas strimzi = CrdSchemas.of(InstallCrds.strimziTopicCrd(), "v1");
        for (KafkaTopic topic : topics) {
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1");
            assertThat(strimzi.problems(CrdSchemas.JSON.valueToTree(topic))).as(topic.getMetadata().getName()).isEmpty();
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "observatory");
            assertThat(topic.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
            assertThat(topic.getSpec().getReplicas()).isEqualTo(3);
            assertThat(topic.getSpec().getConfig()).containsEntry("min.insync.replicas", 2);
        }
        Deployment topology = client.apps().deployments().inNamespace("team-a").withName("base-topology").get();
        PipelineBenchmark status = status("team-a", "base");
        assertThat(topology.getSpec().getReplicas()).isEqualTo(status.getStatus().plan.topologyReplicas);
        assertThat(topology.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(created.getMetadata().getUid()));
        assertThat(topology.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("QUARKUS_KAFKA_STREAMS_APPLICATION_ID=obs-team-a-base"));
        assertThat(condition(status, "Valid").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("Provisioning");
        assertThat(status.getStatus().observedGeneration).isEqualTo(created.getMetadata().getGeneration());
        assertThat(status.getStatus().plan.reasons).isNotEmpty();

        // idempotent: rechecks of an unchanged benchmark write nothing (resource versions stay put)
        List<String> versions = topicsOf("team-a", "base").stream().map(t -> t.getMetadata().getResourceVersion()).sorted().toList();
        String deploymentVersion = topology.getMetadata().getResourceVersion();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                topicsOf("team-a", "base").stream().map(t -> t.getMetadata().getResourceVersion()).sorted().toList().equals(versions)
                        && client.apps().deployments().inNamespace("team-a").withName("base-topology").get().getMetadata()
                        .getResourceVersion().equals(deploymentVersion));

        // an edit re-plans: ten times the rate needs more partitions
        // (edited as kubectl edit does, a patch: the operator writes status meanwhile, so a whole-object update could conflict)
        // the operator updates the status meanwhile: an edit of a stale version is refused (409) and tried again
        await().atMost(WAIT).ignoreExceptionsInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class).until(() -> {
            client.resources(PipelineBenchmark.class).inNamespace("team-a").withName("base").edit(b -> {
                b.getSpec().dataSources.forEach(s -> s.generationRate = s.generationRate * 10);
                return b;
            });
            return true;
        });
        await().atMost(WAIT).until(() -> topicsOf("team-a", "base").stream()
                .filter(t -> t.getMetadata().getName().endsWith(".market")).findFirst().orElseThrow().getSpec().getPartitions() > 1);
        await().atMost(WAIT).until(() -> status("team-a", "base").getStatus().observedGeneration
                .equals(status("team-a", "base").getMetadata().getGeneration()));
        assertThat(client.apps().deployments().inNamespace("team-a").withName("base-topology").get().getSpec().getReplicas())
                .isEqualTo(status("team-a", "base").getStatus().plan.topologyReplicas);
    }

    /** Performance: one benchmark's reconcile, create to every resource present, then fifty at once in one namespace. */
    @Test
    void fiftyBenchmarksInOneNamespaceReconcileWithoutErrorsOrDuplicates() throws Exception {
        long started = System.nanoTime();
        client.resource(fromProfile("bursty.yaml", "single", "team-d")).create();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> topicsOf("team-d", "single").size() == 2
                && client.apps().deployments().inNamespace("team-d").withName("single-topology").get() != null);
        double singleMs = (System.nanoTime() - started) / 1e6;

        started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            client.resource(fromProfile("baseline.yaml", "load-" + i, "team-e")).create();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() ->
                client.resources(PipelineBenchmark.class).inNamespace("team-e").list().getItems().stream()
                        .allMatch(b -> b.getStatus() != null && b.getStatus().phase == PipelineBenchmarkStatus.Phase.Provisioning));
        double fiftyMs = (System.nanoTime() - started) / 1e6;

        List<KafkaTopic> topics = client.resources(KafkaTopic.class).inNamespace("team-e").list().getItems();
        assertThat(topics).hasSize(50 * 4);
        assertThat(topics.stream().map(t -> t.getSpec().getTopicName()).distinct()).hasSize(50 * 4);
        List<Deployment> deployments = client.apps().deployments().inNamespace("team-e").list().getItems();
        assertThat(deployments).hasSize(50);
        assertThat(deployments.stream().map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("QUARKUS_KAFKA_STREAMS_APPLICATION_ID")).findFirst().orElseThrow().getValue()).distinct())
                .as("consumer groups").hasSize(50);
        assertThat(client.resources(PipelineBenchmark.class).inNamespace("team-e").list().getItems())
                .allSatisfy(b -> assertThat(condition(b, "Valid").getStatus()).isEqualTo("True"));
        System.out.printf("operator reconcile on the mock API server: one benchmark to all resources %.0f ms; 50 benchmarks %.0f ms%n",
                singleMs, fiftyMs);
    }

    @Test
    void lagScalesTheTopologyWithinThePlansBoundsAndSaysWhy() throws Exception {
        PipelineBenchmark resource = fromProfile("baseline.yaml", "scaled", "team-f");
        // 12 streams of a twelfth of each rate: the same 12,000 events/s offered, on 12 tasks whose divisors replicas move between
        resource.getSpec().concurrentStreams = 12;
        resource.getSpec().dataSources.forEach(s -> s.generationRate = s.generationRate / 12);
        client.resource(resource).create();
        await().atMost(WAIT).until(() -> status("team-f", "scaled").getStatus() != null
                && status("team-f", "scaled").getStatus().scaling != null);
        PipelineBenchmarkStatus.PlanStatus plan = status("team-f", "scaled").getStatus().plan;
        assertThat(plan.maxTopologyReplicas).isEqualTo(12);
        int initial = status("team-f", "scaled").getStatus().scaling.replicas;
        assertThat(initial).isEqualTo(plan.topologyReplicas);

        lag.set("obs-team-f-scaled", 500_000, 10_000); // 50 s behind
        await().atMost(SCALING_WAIT).until(() -> status("team-f", "scaled").getStatus().scaling.replicas == 12);
        PipelineBenchmarkStatus.Scaling up = status("team-f", "scaled").getStatus().scaling;
        assertThat(up.events).extracting(e -> e.to).containsSubsequence(2, 3, 4, 6, 12).allMatch(r -> 12 % r == 0);
        assertThat(up.events.get(up.events.size() - 1).reason).contains("lag 50.0 s (500,000 records at 10,000/s) above 5 s");
        assertThat(client.apps().deployments().inNamespace("team-f").withName("scaled-topology").get().getSpec().getReplicas()).isEqualTo(12);
        assertThat(eventsOf("team-f", "scaled")).filteredOn(e -> e.getReason().equals("Scaled"))
                .anySatisfy(e -> assertThat(e.getMessage()).startsWith("topology 6 → 12 replicas: lag 50.0 s"));

        lag.set("obs-team-f-scaled", 0, 10_000); // caught up
        await().atMost(SCALING_WAIT).until(() -> status("team-f", "scaled").getStatus().scaling.replicas == plan.minTopologyReplicas);
        assertThat(client.apps().deployments().inNamespace("team-f").withName("scaled-topology").get().getSpec().getReplicas())
                .isEqualTo(plan.minTopologyReplicas);
        assertThat(status("team-f", "scaled").getStatus().scaling.lastDecision).contains("lag 0.0 s");
    }

    @Test
    void anInvalidSpecGetsPhaseInvalidAConditionNamingTheFieldAndNothingIsCreated() throws Exception {
        PipelineBenchmark broken = fromProfile("baseline.yaml", "broken", "team-b");
        broken.getSpec().warmupSeconds = 600.0; // longer than the 60 s run
        client.resource(broken).create();
        await().atMost(WAIT).until(() -> status("team-b", "broken").getStatus() != null
                && status("team-b", "broken").getStatus().phase == PipelineBenchmarkStatus.Phase.Invalid);
        Condition valid = condition(status("team-b", "broken"), "Valid");
        assertThat(valid.getStatus()).isEqualTo("False");
        assertThat(valid.getReason()).isEqualTo("InvalidSpec");
        assertThat(valid.getMessage()).contains("spec.warmup_seconds");
        assertThat(topicsOf("team-b", "broken")).isEmpty();
        assertThat(client.apps().deployments().inNamespace("team-b").list().getItems()).isEmpty();
    }

    /** The test profile sets observatory.operator.profiles-dir to the project's load-profiles/, as the shipped Deployment mounts them. */
    @Test
    void aReplayBenchmarkIsPlannedFromItsProfileAndOneNamingAFileOutsideTheProfilesDirectoryIsInvalid() throws Exception {
        client.resource(fromProfile("daily-cycle.yaml", "cycle", "team-r")).create();
        await().atMost(WAIT).until(() -> status("team-r", "cycle").getStatus() != null
                && status("team-r", "cycle").getStatus().phase == PipelineBenchmarkStatus.Phase.Provisioning);
        PipelineBenchmarkStatus.PlanStatus plan = status("team-r", "cycle").getStatus().plan;
        // recordings/daily-cycle.profile.avro: 96,000 events in 120 s, busiest second 1,450
        assertThat(plan.targetEventsPerSecond).isCloseTo(800.0, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(plan.peakEventsPerSecond).isCloseTo(1450.0, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(topicsOf("team-r", "cycle")).isNotEmpty();

        PipelineBenchmark escape = fromProfile("daily-cycle.yaml", "escape", "team-r");
        escape.getSpec().dataSources.get(0).pattern.profile = "../pom.xml";
        client.resource(escape).create();
        await().atMost(WAIT).until(() -> status("team-r", "escape").getStatus() != null
                && status("team-r", "escape").getStatus().phase == PipelineBenchmarkStatus.Phase.Invalid);
        Condition valid = condition(status("team-r", "escape"), "Valid");
        assertThat(valid.getReason()).isEqualTo("InvalidProfile");
        assertThat(valid.getMessage()).startsWith("spec.data_sources[0].pattern.profile: '../pom.xml' is outside the profiles directory");
        assertThat(topicsOf("team-r", "escape")).isEmpty();
    }

    @Test
    void aTopicOwnedBySomethingElseIsAConflictNotOverwritten() throws Exception {
        KafkaTopic foreign = new KafkaTopicBuilder().withNewMetadata().withName("obs.team-c.clash.market").withNamespace("team-c")
                .endMetadata().withNewSpec().withPartitions(1).withReplicas(1).endSpec().build();
        foreign.setApiVersion("kafka.strimzi.io/v1");
        client.resource(foreign).create();
        client.resource(fromProfile("baseline.yaml", "clash", "team-c")).create();
        await().atMost(WAIT).until(() -> status("team-c", "clash").getStatus() != null
                && status("team-c", "clash").getStatus().phase == PipelineBenchmarkStatus.Phase.Failed);
        Condition ready = condition(status("team-c", "clash"), "Ready");
        assertThat(ready.getReason()).isEqualTo("TopicConflict");
        assertThat(ready.getMessage()).contains("obs.team-c.clash.market").contains("created outside the operator");
        assertThat(client.resources(KafkaTopic.class).inNamespace("team-c").withName("obs.team-c.clash.market").get()
                .getMetadata().getOwnerReferences()).isEmpty();
        assertThat(topicsOf("team-c", "clash")).isEmpty();
    }

    List<io.fabric8.kubernetes.api.model.Event> eventsOf(String namespace, String benchmark) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> benchmark.equals(e.getInvolvedObject().getName())).toList();
    }

    /** What Strimzi and the kubelet would report: every topic of the benchmark Ready, its topology replicas ready. */
    void provisionedByHand(String namespace, String benchmark) {
        await().atMost(WAIT).until(() -> !topicsOf(namespace, benchmark).isEmpty()
                && client.apps().deployments().inNamespace(namespace).withName(benchmark + "-topology").get() != null);
        for (KafkaTopic topic : topicsOf(namespace, benchmark)) {
            topic.setStatus(new io.strimzi.api.kafka.model.topic.KafkaTopicStatusBuilder().withConditions(
                    new io.strimzi.api.kafka.model.common.ConditionBuilder().withType("Ready").withStatus("True").build()).build());
            client.resource(topic).updateStatus();
        }
        Deployment topology = client.apps().deployments().inNamespace(namespace).withName(benchmark + "-topology").get();
        topology.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(topology.getSpec().getReplicas()).withReadyReplicas(topology.getSpec().getReplicas()).build());
        client.resource(topology).updateStatus();
    }

    @Test
    void aFailedGeneratorFailsTheRunWithItsReasonAndFreesTheTopology() throws Exception {
        client.resource(fromProfile("baseline.yaml", "doomed", "team-g")).create();
        provisionedByHand("team-g", "doomed");
        await().atMost(WAIT).until(() -> status("team-g", "doomed").getStatus().phase == PipelineBenchmarkStatus.Phase.Running);
        PipelineBenchmarkStatus.Run run = status("team-g", "doomed").getStatus().run;
        RunStore store = new RunStore(EmbeddedStack.get().dataSource());
        assertThat(store.runs().status(run.id)).hasValue("running");
        assertThat(store.runs().spec(run.id).orElseThrow().name()).isEqualTo("doomed");

        Job job = client.batch().v1().jobs().inNamespace("team-g").withName(run.generatorJob).get();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        job.setStatus(new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
                .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit").build()).build());
        client.resource(job).updateStatus();

        await().atMost(WAIT).until(() -> status("team-g", "doomed").getStatus().phase == PipelineBenchmarkStatus.Phase.Failed);
        Condition ready = condition(status("team-g", "doomed"), "Ready");
        assertThat(ready.getReason()).isEqualTo("GeneratorFailed");
        assertThat(ready.getMessage()).contains(run.generatorJob).contains("BackoffLimitExceeded");
        assertThat(store.runs().status(run.id)).hasValue("failed");
        assertThat(eventsOf("team-g", "doomed")).anySatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo("GeneratorFailed");
            assertThat(e.getMessage()).startsWith("Failed: run " + run.id + ": generator Job " + run.generatorJob);
        }).anySatisfy(e -> assertThat(e.getMessage()).startsWith("Running: run " + run.id));
        await().atMost(WAIT).until(() ->
                client.apps().deployments().inNamespace("team-g").withName("doomed-topology").get().getSpec().getReplicas() == 0);
    }

    @Test
    void anEditDuringARunSupersedesItStopsItsGeneratorsAndStartsAFreshRun() throws Exception {
        client.resource(fromProfile("baseline.yaml", "moving", "team-h")).create();
        provisionedByHand("team-h", "moving");
        await().atMost(WAIT).until(() -> status("team-h", "moving").getStatus().phase == PipelineBenchmarkStatus.Phase.Running);
        PipelineBenchmarkStatus.Run first = status("team-h", "moving").getStatus().run;

        // the operator updates the status meanwhile: an edit of a stale version is refused (409) and tried again
        await().atMost(WAIT).ignoreExceptionsInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class).until(() -> {
            client.resources(PipelineBenchmark.class).inNamespace("team-h").withName("moving").edit(b -> {
                b.getSpec().durationSeconds = 30.0;
                b.getSpec().durationMinutes = null;
                return b;
            });
            return true;
        });

        await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace("team-h").withName(first.generatorJob).get() == null);
        RunStore store = new RunStore(EmbeddedStack.get().dataSource());
        await().atMost(WAIT).until(() -> store.runs().status(first.id).orElseThrow().equals("superseded"));
        // topics and topology stayed ready, so the new spec's run starts with its own Job
        await().atMost(WAIT).until(() -> {
            PipelineBenchmarkStatus s = status("team-h", "moving").getStatus();
            return s.run != null && !s.run.id.equals(first.id) && s.phase == PipelineBenchmarkStatus.Phase.Running;
        });
        PipelineBenchmarkStatus.Run second = status("team-h", "moving").getStatus().run;
        assertThat(second.generation).isEqualTo(status("team-h", "moving").getMetadata().getGeneration());
        assertThat(client.batch().v1().jobs().inNamespace("team-h").withName(second.generatorJob).get()).isNotNull();
        assertThat(client.batch().v1().jobs().inNamespace("team-h").list().getItems()).hasSize(1);
        assertThat(store.runs().spec(second.id).orElseThrow().duration()).isEqualTo(Duration.ofSeconds(30));
        // exactly one run per spec: the superseded one and the running one
        assertThat(store.runs().list(1000).stream().filter(r -> r.benchmark().equals("moving")))
                .extracting(r -> r.runId() + "=" + r.status())
                .containsExactlyInAnyOrder(first.id + "=superseded", second.id + "=running");
    }
}
