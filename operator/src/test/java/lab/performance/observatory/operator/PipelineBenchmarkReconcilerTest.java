package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import org.junit.jupiter.api.Test;

/** The reconciler against the fabric8 mock API server in CRUD mode, with both CRDs installed. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrds.class)
class PipelineBenchmarkReconcilerTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

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

        // an edit re-plans: five times the rate needs more partitions
        PipelineBenchmark edited = status("team-a", "base");
        edited.getSpec().dataSources.forEach(s -> s.generationRate = s.generationRate * 10);
        client.resource(edited).update();
        await().atMost(WAIT).until(() -> topicsOf("team-a", "base").stream()
                .filter(t -> t.getMetadata().getName().endsWith(".market")).findFirst().orElseThrow().getSpec().getPartitions() > 1);
        await().atMost(WAIT).until(() -> status("team-a", "base").getStatus().observedGeneration
                .equals(status("team-a", "base").getMetadata().getGeneration()));
        assertThat(client.apps().deployments().inNamespace("team-a").withName("base-topology").get().getSpec().getReplicas())
                .isEqualTo(status("team-a", "base").getStatus().plan.topologyReplicas);
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
}
