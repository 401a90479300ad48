package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CRD generated from the Java model: committed as built, and it accepts the shipped specs and rejects broken ones. */
class PipelineBenchmarkCrdTest {

    static final Path GENERATED = Path.of("target/classes/META-INF/fabric8/pipelinebenchmarks.performance.lab-v1.yml");
    static final Path COMMITTED = Path.of("../deploy/k3s/base/pipelinebenchmarks.performance.lab-v1.yml");

    @Test
    void theCommittedCrdIsTheGeneratedOne() throws Exception {
        assertThat(Files.readString(COMMITTED)).as("deploy/k3s CRD is stale: copy " + GENERATED + " over it")
                .isEqualTo(Files.readString(GENERATED));
    }

    @Test
    void everyLoadProfileIsAValidResource() throws Exception {
        CrdSchemas crd = CrdSchemas.of(GENERATED, "v1");
        List<Path> profiles = new java.util.ArrayList<>();
        for (String dir : List.of("../load-profiles", "../load-profiles/recordings")) { // the specs the recordings were made from too
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml")).sorted()
                        .forEach(profiles::add);
            }
        }
        assertThat(profiles).hasSizeGreaterThanOrEqualTo(9);
        for (Path profile : profiles) {
            JsonNode resource = CrdSchemas.YAML.readTree(profile.toFile());
            assertThat(crd.problems(resource)).as(profile.toString()).isEmpty();
        }
    }

    @Test
    void brokenResourcesAreRejectedWithTheFieldNamed() throws Exception {
        CrdSchemas crd = CrdSchemas.of(GENERATED, "v1");
        JsonNode good = CrdSchemas.YAML.readTree(Path.of("../load-profiles/baseline.yaml").toFile());

        ObjectNode unknownType = good.deepCopy();
        ((ObjectNode) unknownType.at("/spec/data_sources/0")).put("data_type", "stocks");
        assertThat(crd.problems(unknownType)).anySatisfy(p -> assertThat(p).contains("data_type"));

        ObjectNode negativeRate = good.deepCopy();
        ((ObjectNode) negativeRate.at("/spec/data_sources/0")).put("generation_rate", -5);
        assertThat(crd.problems(negativeRate)).anySatisfy(p -> assertThat(p).contains("generation_rate"));

        ObjectNode noSources = good.deepCopy();
        ((ObjectNode) noSources.get("spec")).remove("data_sources");
        assertThat(crd.problems(noSources)).anySatisfy(p -> assertThat(p).contains("data_sources"));

        ObjectNode unknownField = good.deepCopy();
        ((ObjectNode) unknownField.get("spec")).put("colour", "red");
        assertThat(crd.problems(unknownField)).containsExactly("$.spec.colour: not in the schema (Kubernetes would prune it)");
    }
}
