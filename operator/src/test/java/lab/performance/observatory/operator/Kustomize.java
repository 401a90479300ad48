package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** What {@code kubectl kustomize} makes of a directory under deploy/ (kubectl with kustomize is on every build machine). */
final class Kustomize {

    static final Path DEPLOY = Path.of("../deploy");
    private static final Map<String, List<JsonNode>> BUILT = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The objects {@code deploy/<dir>} renders to, e.g. "k3s/dev" or "strimzi/perf" (built once per test JVM). */
    static List<JsonNode> build(String dir) throws IOException, InterruptedException {
        List<JsonNode> cached = BUILT.get(dir);
        if (cached != null) {
            return cached;
        }
        Process p = new ProcessBuilder("kubectl", "kustomize", DEPLOY.resolve(dir).toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl kustomize %s: %s", dir, out).isZero();
        List<JsonNode> objects = List.copyOf(CrdSchemas.YAML.readValues(CrdSchemas.YAML.createParser(out), JsonNode.class).readAll());
        BUILT.put(dir, objects);
        return objects;
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** The pod spec of a workload (Deployment, StatefulSet, Job, CronJob), or a missing node. */
    static JsonNode podSpec(JsonNode workload) {
        return workload.path("kind").asText().equals("CronJob") ? workload.at("/spec/jobTemplate/spec/template/spec")
                : workload.at("/spec/template/spec");
    }

    /** The pod template's labels of a workload. */
    static JsonNode podLabels(JsonNode workload) {
        return workload.path("kind").asText().equals("CronJob") ? workload.at("/spec/jobTemplate/spec/template/metadata/labels")
                : workload.at("/spec/template/metadata/labels");
    }
}
