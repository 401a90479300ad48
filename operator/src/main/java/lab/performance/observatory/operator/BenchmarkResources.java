package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lab.performance.observatory.core.lifecycle.TopologyLaunch;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.TopicPlan;
import lab.performance.observatory.core.spec.BenchmarkSpec;

/**
 * The Kubernetes objects a plan becomes: one Strimzi {@code KafkaTopic} ({@code kafka.strimzi.io/v1})
 * per planned topic, the topology {@code Deployment} and a generator {@code Job} per run, each owned
 * by the benchmark so deleting it deletes them. Pure: builds objects, applies nothing.
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

    /**
     * The topology Deployment: the launch settings every executor renders ({@link TopologyLaunch}) as
     * environment variables, the database URL from the secret, and each pod's name as its static
     * group membership (a stopped pod leaves the group at once instead of after its session timeout).
     */
    static Deployment topology(PipelineBenchmark owner, BenchmarkSpec spec, Plan plan, int replicas, OperatorSettings settings,
                               String kafkaCluster) {
        BenchmarkNames names = BenchmarkNames.of(owner);
        Map<String, String> labels = names.labels("topology");
        List<EnvVar> env = new ArrayList<>();
        TopologyLaunch.properties(spec, plan, new TopologyLaunch.Target(bootstrapServers(settings, kafkaCluster), names.applicationId(),
                settings.schemaRegistryUrl(), true, true, java.util.Optional.of(settings.liveTopic()).filter(t -> !t.isBlank()))).forEach((property, value) -> env.add(env(TopologyLaunch.environmentVariable(property), value)));
        env.add(jdbcUrlFromSecret("QUARKUS_DATASOURCE_JDBC_URL", settings));
        env.add(new EnvVarBuilder().withName("OBSERVATORY_TOPOLOGY_INSTANCE_ID").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.name").endFieldRef().endValueFrom().build());
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName(names.topologyDeployment()).withNamespace(owner.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(ownerOf(owner)).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("topology").withImage(settings.topologyImage()).withEnv(env)
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .withNewStartupProbe().withNewHttpGet().withPath("/q/health/started").withNewPort("http").endHttpGet()
                .withPeriodSeconds(2).withFailureThreshold(60).endStartupProbe()
                .withNewReadinessProbe().withNewHttpGet().withPath("/q/health/ready").withNewPort("http").endHttpGet().endReadinessProbe()
                .withNewLivenessProbe().withNewHttpGet().withPath("/q/health/live").withNewPort("http").endHttpGet().endLivenessProbe()
                .endContainer().endSpec().endTemplate().endSpec()
                .build();
        PodHardening.harden(deployment.getSpec().getTemplate().getSpec(),
                Map.of("cpu", cpu(settings.topologyReplicaCpu()), "memory", new Quantity(settings.topologyMemory())));
        return deployment;
    }

    /** Strimzi's topic operator marks a topic Ready once it exists in Kafka as specified. */
    static boolean topicReady(KafkaTopic topic) {
        return topic != null && topic.getStatus() != null && topic.getStatus().getConditions() != null
                && topic.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Topics of this plan that exist and are controlled by something else: reported, never overwritten. */
    static List<String> conflicts(PipelineBenchmark owner, Map<String, KafkaTopic> existing) {
        List<String> out = new ArrayList<>();
        existing.forEach((name, topic) -> {
            if (!ownedBy(topic, owner)) {
                String by = topic.getMetadata().getOwnerReferences().stream().filter(r -> Boolean.TRUE.equals(r.getController()))
                        .map(r -> r.getKind() + " " + r.getName()).findFirst().orElse("no benchmark (created outside the operator)");
                out.add("KafkaTopic " + name + " already exists, owned by " + by);
            }
        });
        return out;
    }

    /**
     * The generator Job of one run: an Indexed Job whose pods each send an equal share of the spec
     * (the pod's completion index is its instance number), all started together. No retries: a pod
     * started again would send its share a second time and the run's counts would no longer add up,
     * so a failed pod fails the run instead.
     */
    static Job generatorJob(PipelineBenchmark owner, String runId, int instances, OperatorSettings settings, String kafkaCluster) {
        BenchmarkNames names = BenchmarkNames.of(owner);
        Map<String, String> labels = new LinkedHashMap<>(names.labels("generator"));
        labels.put(BenchmarkNames.RUN_LABEL, runId);
        List<String> args = new ArrayList<>(List.of("--topic-prefix", names.topicPrefix(), "--instances", Integer.toString(instances),
                "--metrics-port", Integer.toString(GENERATOR_METRICS_PORT), runId, bootstrapServers(settings, kafkaCluster),
                "env:" + GENERATOR_JDBC_URL)); // read from the Secret-backed variable: no password in the pod's argv
        settings.schemaRegistryUrl().ifPresent(args::add);
        Job job = new JobBuilder()
                .withNewMetadata().withName(names.generatorJob(owner.getMetadata().getGeneration()))
                .withNamespace(owner.getMetadata().getNamespace()).withLabels(labels).withOwnerReferences(ownerOf(owner)).endMetadata()
                .withNewSpec().withCompletionMode("Indexed").withCompletions(instances).withParallelism(instances).withBackoffLimit(0)
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("generator").withImage(settings.generatorImage()).withArgs(args)
                .addNewPort().withName("metrics").withContainerPort(GENERATOR_METRICS_PORT).endPort()
                .withEnv(jdbcUrlFromSecret(GENERATOR_JDBC_URL, settings))
                .endContainer().endSpec().endTemplate().endSpec()
                .build();
        PodHardening.harden(job.getSpec().getTemplate().getSpec(),
                Map.of("cpu", cpu(settings.generatorCpu()), "memory", new Quantity(settings.generatorMemory())));
        mountProfiles(job.getSpec().getTemplate().getSpec(), settings);
        return job;
    }

    /**
     * The load-profile ConfigMaps, read-only at {@code <profiles-dir>/recordings} as in the operator's
     * own pod, so the absolute profile path the operator wrote into a replay spec opens the same file here.
     */
    static void mountProfiles(io.fabric8.kubernetes.api.model.PodSpec pod, OperatorSettings settings) {
        List<String> maps = settings.profileConfigMaps().orElse(List.of());
        if (maps.isEmpty() || settings.profilesDir().isEmpty()) {
            return;
        }
        io.fabric8.kubernetes.api.model.ProjectedVolumeSourceBuilder projected = new io.fabric8.kubernetes.api.model.ProjectedVolumeSourceBuilder();
        maps.forEach(m -> projected.addNewSource().withNewConfigMap().withName(m).endConfigMap().endSource());
        pod.getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName(PROFILES_VOLUME).withProjected(projected.build()).build());
        pod.getContainers().get(0).getVolumeMounts().add(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName(PROFILES_VOLUME)
                .withMountPath(settings.profilesDir().get().replaceAll("/+$", "") + "/recordings").withReadOnly(true).build());
    }

    static final String PROFILES_VOLUME = "load-profiles";

    /** CPU in the API server's canonical form ("1", "500m", "1500m"), so what is read back equals what was written. */
    static Quantity cpu(double cores) {
        long millis = Math.round(cores * 1000);
        return new Quantity(millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m");
    }

    static final String GENERATOR_JDBC_URL = "OBSERVATORY_JDBC_URL";
    /** Where a generator pod serves Prometheus metrics ({@code /metrics}; the PodMonitor in deploy/k3s scrapes the port named metrics). */
    static final int GENERATOR_METRICS_PORT = 9404;

    /** Strimzi's bootstrap service of the cluster unless the operator is told otherwise. */
    static String bootstrapServers(OperatorSettings settings, String kafkaCluster) {
        return settings.bootstrapServers().orElse(kafkaCluster + "-kafka-bootstrap:9092");
    }

    private static EnvVar jdbcUrlFromSecret(String name, OperatorSettings settings) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(settings.postgresSecret()).withKey("jdbc-url").endSecretKeyRef().endValueFrom().build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
