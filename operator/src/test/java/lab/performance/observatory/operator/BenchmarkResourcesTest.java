package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import lab.performance.observatory.core.lifecycle.TopologyLaunch;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The objects the operator applies, as built, without an API server. */
class BenchmarkResourcesTest {

    /** The operator's settings as configured by default: the real mapping, read from no configuration. */
    static OperatorSettings defaults() {
        return new SmallRyeConfigBuilder().withMapping(OperatorSettings.class)
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter()).build().getConfigMapping(OperatorSettings.class);
    }

    static PipelineBenchmark owner() {
        PipelineBenchmark b = new PipelineBenchmark();
        b.setMetadata(new ObjectMetaBuilder().withName("base").withNamespace("team-a").withUid("uid-1").withGeneration(3L).build());
        return b;
    }

    @Test
    void theGeneratorJobRunsOneIndexedPodPerShareWithoutRetriesAndTheDatabaseFromTheSecret() {
        Job job = BenchmarkResources.generatorJob(owner(), "base-20261127T101500-3fa2", 3, defaults(), "observatory");
        assertThat(job.getMetadata().getName()).isEqualTo("base-generator-3");
        assertThat(job.getMetadata().getLabels()).containsEntry("performance.lab/run", "base-20261127T101500-3fa2")
                .containsEntry("performance.lab/benchmark", "base").containsEntry("performance.lab/component", "generator");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo("uid-1");
            assertThat(o.getController()).isTrue();
        });
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(3);
        assertThat(job.getSpec().getParallelism()).isEqualTo(3);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("performance-observatory/generator:0.1.0");
        assertThat(container.getArgs()).containsExactly("--topic-prefix", "obs.team-a.base", "--instances", "3",
                "--metrics-port", "9404", "base-20261127T101500-3fa2", "observatory-kafka-bootstrap:9092", "env:OBSERVATORY_JDBC_URL");
        assertThat(container.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("metrics");
            assertThat(p.getContainerPort()).isEqualTo(9404);
        });
        assertThat(container.getEnv()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("OBSERVATORY_JDBC_URL");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("observatory-postgres");
            assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("jdbc-url");
        });
        // the arguments the pod's generator parses, once Kubernetes has expanded them: the URL (and its
        // password) stays in the environment, which the generator reads (env:NAME), never in argv
        assertThat(LocalCluster.expand(container.getArgs(), Map.of("OBSERVATORY_JDBC_URL", "jdbc:postgresql://db/obs?password=secret")))
                .endsWith("env:OBSERVATORY_JDBC_URL").noneMatch(a -> a.contains("secret"));
    }

    /** The operator's settings with these values (as environment or application.properties would give them). */
    static OperatorSettings with(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withMapping(OperatorSettings.class)
                .withSources(new io.smallrye.config.PropertiesConfigSource(values, "test", 500))
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter()).build().getConfigMapping(OperatorSettings.class);
    }

    @Test
    void generatorPodsGetTheLoadProfilesReadOnlyWhereTheOperatorReadsThem() {
        OperatorSettings settings = with(Map.of("observatory.operator.profiles-dir", "/profiles/",
                "observatory.operator.profile-config-maps", "observatory-profile-daily-cycle,observatory-profile-market-open"));
        var pod = BenchmarkResources.generatorJob(owner(), "base-1", 2, settings, "observatory").getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("load-profiles")).singleElement().satisfies(v ->
                assertThat(v.getProjected().getSources()).extracting(s -> s.getConfigMap().getName())
                        .containsExactly("observatory-profile-daily-cycle", "observatory-profile-market-open"));
        assertThat(pod.getContainers().get(0).getVolumeMounts()).filteredOn(m -> m.getName().equals("load-profiles")).singleElement()
                .satisfies(m -> {
                    assertThat(m.getMountPath()).isEqualTo("/profiles/recordings");
                    assertThat(m.getReadOnly()).isTrue();
                });
        // nothing to mount without ConfigMaps or without a directory to read them in
        for (OperatorSettings none : List.of(defaults(), with(Map.of("observatory.operator.profiles-dir", "/profiles")),
                with(Map.of("observatory.operator.profile-config-maps", "observatory-profile-daily-cycle")))) {
            assertThat(BenchmarkResources.generatorJob(owner(), "base-1", 2, none, "observatory").getSpec().getTemplate().getSpec()
                    .getVolumes()).extracting(v -> v.getName()).doesNotContain("load-profiles");
        }
    }

    @Test
    void theTopologyGetsTheLaunchSettingsEveryExecutorRendersAsItsEnvironment() throws Exception {
        PipelineBenchmark owner = owner();
        BenchmarkSpec spec = SpecParser.parse(java.nio.file.Files.readString(java.nio.file.Path.of("../load-profiles/stream-processor.yaml")));
        Plan plan = Planner.plan(spec, BenchmarkNames.of(owner).topicPrefix(), Cluster.kubernetes(3, 1), CapacityModel.DEFAULT);
        Deployment topology = BenchmarkResources.topology(owner, spec, plan, 2, defaults(), "observatory");
        Map<String, EnvVar> env = new java.util.HashMap<>();
        topology.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().forEach(e -> env.put(e.getName(), e));
        TopologyLaunch.properties(spec, plan, new TopologyLaunch.Target("observatory-kafka-bootstrap:9092", "obs-team-a-base",
                java.util.Optional.empty(), true)).forEach((property, value) ->
                assertThat(env.get(TopologyLaunch.environmentVariable(property))).as(property).isNotNull()
                        .satisfies(e -> assertThat(e.getValue()).isEqualTo(value)));
        assertThat(env.get("KAFKA_STREAMS_MAX_POLL_RECORDS").getValue()).isEqualTo("1000");
        assertThat(env.get("OBSERVATORY_TOPOLOGY_STRATEGY").getValue()).isEqualTo("zero-copy");
        assertThat(env.get("OBSERVATORY_TOPOLOGY_LIVE_TOPIC").getValue()).as("the live feed, on the topic deploy/strimzi creates").isEqualTo("observatory.live");
        assertThat(env.get("OBSERVATORY_TOPOLOGY_INPUTS").getValue()).isEqualTo("obs.team-a.base.market=market_data");
        assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL").getValueFrom().getSecretKeyRef().getName()).isEqualTo("observatory-postgres");
        assertThat(env.get("OBSERVATORY_TOPOLOGY_INSTANCE_ID").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(topology.getSpec().getReplicas()).isEqualTo(2);
        // five streams: five partitions of the market topic, one of the dead-letter topic
        assertThat(BenchmarkResources.topics(owner, plan, "observatory")).extracting(t -> t.getSpec().getPartitions()).containsExactly(5, 1);
    }

    @Test
    void topicsOwnedByAnotherAreConflictsAndOnlyReadyTopicsAreReady() {
        PipelineBenchmark owner = owner();
        KafkaTopic ours = new KafkaTopicBuilder().withNewMetadata().withName("obs.team-a.base.m")
                .withOwnerReferences(BenchmarkResources.ownerOf(owner)).endMetadata().build();
        KafkaTopic foreign = new KafkaTopicBuilder().withNewMetadata().withName("obs.team-a.base.l").endMetadata().build();
        assertThat(BenchmarkResources.conflicts(owner, Map.of("obs.team-a.base.m", ours))).isEmpty();
        assertThat(BenchmarkResources.conflicts(owner, Map.of("obs.team-a.base.l", foreign))).singleElement()
                .isEqualTo("KafkaTopic obs.team-a.base.l already exists, owned by no benchmark (created outside the operator)");
        assertThat(BenchmarkResources.topicReady(ours)).isFalse();
        ours.setStatus(new io.strimzi.api.kafka.model.topic.KafkaTopicStatusBuilder().withConditions(
                new io.strimzi.api.kafka.model.common.ConditionBuilder().withType("Ready").withStatus("True").build()).build());
        assertThat(BenchmarkResources.topicReady(ours)).isTrue();
        assertThat(BenchmarkResources.topicReady(null)).isFalse();
    }

    @Test
    void cpuIsWrittenInTheApiServersCanonicalForm() {
        assertThat(List.of(1.0, 0.5, 1.5, 2.0, 0.25)).extracting(c -> BenchmarkResources.cpu(c).toString())
                .containsExactly("1", "500m", "1500m", "2", "250m");
    }
}
