package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generator Job and resource quantities as built, without an API server. */
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
                "base-20261127T101500-3fa2", "observatory-kafka-bootstrap:9092", "$(OBSERVATORY_JDBC_URL)");
        assertThat(container.getEnv()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("OBSERVATORY_JDBC_URL");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("observatory-postgres");
            assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("jdbc-url");
        });
        // the arguments the pod's generator parses, once Kubernetes has expanded them
        assertThat(LocalCluster.expand(container.getArgs(), Map.of("OBSERVATORY_JDBC_URL", "jdbc:postgresql://db/obs")))
                .endsWith("jdbc:postgresql://db/obs");
    }

    @Test
    void cpuIsWrittenInTheApiServersCanonicalForm() {
        assertThat(List.of(1.0, 0.5, 1.5, 2.0, 0.25)).extracting(c -> BenchmarkResources.cpu(c).toString())
                .containsExactly("1", "500m", "1500m", "2", "250m");
    }
}
