package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.TopicPlan;
import lab.performance.observatory.core.spec.BenchmarkSpec;

/**
 * The Kubernetes objects a plan becomes: one Strimzi {@code KafkaTopic} ({@code kafka.strimzi.io/v1})
 * per planned topic and the topology {@code Deployment}, each owned by the benchmark so deleting
 * it deletes them. Pure: builds objects, applies nothing.
 */
final class BenchmarkResources {

    static final String STRIMZI_API_VERSION = "kafka.strimzi.io/v1";

    private BenchmarkResources() {
    }

    static OwnerReference ownerOf(PipelineBenchmark owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    /** Whether {@code resource} is controlled by {@code owner} (by uid: a recreated benchmark of the same name is another owner). */
    static boolean ownedBy(HasMetadata resource, PipelineBenchmark owner) {
        return resource.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> Boolean.TRUE.equals(r.getController()) && owner.getMetadata().getUid().equals(r.getUid()));
    }

    /** Whether an existing topic already is what the plan wants (labels, owner, partitions, replicas, config). */
    static boolean sameTopic(KafkaTopic existing, KafkaTopic desired) {
        return existing.getSpec() != null
                && Objects.equals(existing.getMetadata().getLabels(), desired.getMetadata().getLabels())
                && Objects.equals(existing.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences())
                && Objects.equals(existing.getSpec().getTopicName(), desired.getSpec().getTopicName())
                && Objects.equals(existing.getSpec().getPartitions(), desired.getSpec().getPartitions())
                && Objects.equals(existing.getSpec().getReplicas(), desired.getSpec().getReplicas())
                && Objects.equals(asText(existing.getSpec().getConfig()), asText(desired.getSpec().getConfig()));
    }

    /** Whether an existing Deployment already runs what is wanted (labels, owner, replicas, containers). */
    static boolean sameDeployment(Deployment existing, Deployment desired) {
        return existing.getSpec() != null
                && Objects.equals(existing.getMetadata().getLabels(), desired.getMetadata().getLabels())
                && Objects.equals(existing.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences())
                && Objects.equals(existing.getSpec().getReplicas(), desired.getSpec().getReplicas())
                && Objects.equals(existing.getSpec().getTemplate().getSpec().getContainers(),
                        desired.getSpec().getTemplate().getSpec().getContainers());
    }

    /** Config values read back from the API are Integers or Longs depending on size: compare them as text. */
    private static Map<String, String> asText(Map<String, Object> config) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (config != null) {
            config.forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }

    static List<KafkaTopic> topics(PipelineBenchmark owner, Plan plan, String kafkaCluster) {
        BenchmarkNames names = BenchmarkNames.of(owner);
        List<KafkaTopic> out = new ArrayList<>();
        for (TopicPlan t : plan.topics()) {
            Map<String, String> labels = new LinkedHashMap<>(names.labels("topic"));
            labels.put(BenchmarkNames.STRIMZI_CLUSTER_LABEL, kafkaCluster);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("min.insync.replicas", (int) t.minInSyncReplicas().value());
            config.put("retention.ms", t.retentionMs().value());
            config.put("segment.bytes", (int) t.segmentBytes().value());
            KafkaTopic topic = new KafkaTopicBuilder()
                    .withNewMetadata().withName(t.name()).withNamespace(owner.getMetadata().getNamespace()).withLabels(labels)
                    .withOwnerReferences(ownerOf(owner)).endMetadata()
                    .withNewSpec().withTopicName(t.name()).withPartitions((int) t.partitions().value())
                    .withReplicas((int) t.replicationFactor().value()).withConfig(config).endSpec()
                    .build();
            topic.setApiVersion(STRIMZI_API_VERSION);
            out.add(topic);
        }
        return out;
    }

    static Deployment topology(PipelineBenchmark owner, BenchmarkSpec spec, Plan plan, int replicas, OperatorSettings settings,
                               String kafkaCluster) {
        BenchmarkNames names = BenchmarkNames.of(owner);
        Map<String, String> labels = names.labels("topology");
        List<String> inputs = plan.inputTopics().stream().map(TopicPlan::name).toList();
        String typed = spec.dataSources().stream()
                .map(s -> names.topicPrefix() + "." + s.name() + "=" + s.dataType().wireName())
                .collect(Collectors.joining(","));
        List<EnvVar> env = List.of(
                env("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", settings.bootstrapServers().orElse(kafkaCluster + "-kafka-bootstrap:9092")),
                env("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", names.applicationId()),
                env("QUARKUS_KAFKA_STREAMS_TOPICS", String.join(",", inputs)),
                env("KAFKA_STREAMS_NUM_STREAM_THREADS", "1"),
                env("OBSERVATORY_TOPOLOGY_INPUTS", typed),
                env("OBSERVATORY_TOPOLOGY_DEAD_LETTER_TOPIC", names.topicPrefix() + ".dead-letter"),
                env("OBSERVATORY_TOPOLOGY_STRATEGY", spec.topology().strategy().wireName()),
                env("OBSERVATORY_TOPOLOGY_WINDOW", spec.topology().windowSeconds() + "s"),
                new EnvVarBuilder().withName("QUARKUS_DATASOURCE_JDBC_URL").withNewValueFrom().withNewSecretKeyRef()
                        .withName(settings.postgresSecret()).withKey("jdbc-url").endSecretKeyRef().endValueFrom().build());
        return new DeploymentBuilder()
                .withNewMetadata().withName(names.topologyDeployment()).withNamespace(owner.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(ownerOf(owner)).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("topology").withImage(settings.topologyImage()).withEnv(env)
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .withNewReadinessProbe().withNewHttpGet().withPath("/q/health/ready").withNewPort("http").endHttpGet().endReadinessProbe()
                .endContainer().endSpec().endTemplate().endSpec()
                .build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
