package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;
import org.junit.jupiter.api.Test;

/**
 * Every pod template in deploy/ and every pod the operator creates runs hardened: non-root,
 * RuntimeDefault seccomp, a read-only root filesystem with a writable /tmp, every capability
 * dropped, no privilege escalation, CPU and memory requests and limits on every container, no
 * service-account token unless the pod calls the Kubernetes API, and probes on the health
 * endpoints of what serves them.
 */
class PodHardeningTest {

    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob");
    /** The pods that call the Kubernetes API, by the service account they run as. */
    static final Set<String> CALLS_THE_API = Set.of("observatory-operator", "observatory-prometheus");

    record PodTemplate(String where, JsonNode spec) {
    }

    static List<PodTemplate> templates() throws Exception {
        List<PodTemplate> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("../deploy"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                for (JsonNode doc : CrdSchemas.YAML.readValues(CrdSchemas.YAML.createParser(f.toFile()), JsonNode.class).readAll()) {
                    String kind = doc.path("kind").asText();
                    if (WORKLOADS.contains(kind)) {
                        JsonNode template = kind.equals("CronJob") ? doc.at("/spec/jobTemplate/spec/template/spec") : doc.at("/spec/template/spec");
                        out.add(new PodTemplate(f + " " + kind + " " + doc.at("/metadata/name").asText(), template));
                    }
                }
            }
        }
        // as the overlays patch them
        for (String overlay : List.of("k3s/dev", "k3s/perf", "k3s/prometheus")) {
            for (JsonNode doc : Kustomize.build(overlay)) {
                if (WORKLOADS.contains(doc.path("kind").asText())) {
                    out.add(new PodTemplate(overlay + " " + doc.path("kind").asText() + " " + doc.at("/metadata/name").asText(), Kustomize.podSpec(doc)));
                }
            }
        }
        BenchmarkSpec spec = SpecParser.parse(Files.readString(Path.of("../load-profiles/baseline.yaml")));
        PipelineBenchmark owner = BenchmarkResourcesTest.owner();
        OperatorSettings settings = BenchmarkResourcesTest.defaults();
        var plan = Planner.plan(spec, "obs.team-a.base", Cluster.kubernetes(3, 1), CapacityModel.DEFAULT);
        out.add(new PodTemplate("the operator's topology Deployment", CrdSchemas.JSON.valueToTree(
                BenchmarkResources.topology(owner, spec, plan, 2, settings, "observatory").getSpec().getTemplate().getSpec())));
        out.add(new PodTemplate("the operator's generator Job", CrdSchemas.JSON.valueToTree(
                BenchmarkResources.generatorJob(owner, "base-1", 2, settings, "observatory").getSpec().getTemplate().getSpec())));
        return out;
    }

    @Test
    void everyPodRunsHardenedWithRequestsAndLimits() throws Exception {
        List<PodTemplate> pods = templates();
        assertThat(pods).extracting(PodTemplate::where).anyMatch(w -> w.contains("observatory-operator"))
                .anyMatch(w -> w.contains("lag-exporter")).anyMatch(w -> w.contains("topology")).anyMatch(w -> w.contains("generator"))
                .anyMatch(w -> w.contains("StatefulSet postgres")).anyMatch(w -> w.contains("observatory-api"))
                .anyMatch(w -> w.contains("CronJob observatory-regression")).anyMatch(w -> w.contains("Deployment apicurio"));
        for (PodTemplate pod : pods) {
            JsonNode s = pod.spec();
            String at = pod.where();
            assertThat(s.at("/securityContext/runAsNonRoot").asBoolean()).as(at + ": runAsNonRoot").isTrue();
            assertThat(s.at("/securityContext/runAsUser").asLong(0)).as(at + ": a non-root user id").isPositive();
            assertThat(s.at("/securityContext/seccompProfile/type").asText()).as(at + ": seccomp").isEqualTo("RuntimeDefault");
            boolean callsApi = CALLS_THE_API.contains(s.path("serviceAccountName").asText());
            if (!callsApi) {
                assertThat(s.path("automountServiceAccountToken").isBoolean() && !s.path("automountServiceAccountToken").asBoolean())
                        .as(at + ": no service-account token (it never calls the Kubernetes API)").isTrue();
            }
            List<String> emptyDirs = new ArrayList<>();
            s.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    emptyDirs.add(v.path("name").asText());
                }
            });
            for (JsonNode c : s.path("containers")) {
                String container = at + " container " + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(container + ": read-only root").isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.path("allowPrivilegeEscalation").asBoolean())
                        .as(container + ": no privilege escalation").isTrue();
                assertThat(sc.path("privileged").asBoolean(false)).as(container + ": not privileged").isFalse();
                assertThat(sc.at("/capabilities/drop").toString()).as(container + ": drops ALL").contains("\"ALL\"");
                assertThat(sc.at("/capabilities/add").isMissingNode() || sc.at("/capabilities/add").isEmpty()).as(container + ": adds none").isTrue();
                List<String> writable = new ArrayList<>();
                c.path("volumeMounts").forEach(m -> {
                    if (emptyDirs.contains(m.path("name").asText())) {
                        writable.add(m.path("mountPath").asText());
                    }
                });
                assertThat(writable).as(container + ": a writable /tmp for the JVM").contains("/tmp");
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertThat(c.at("/resources/" + kind + "/" + resource).isMissingNode()).as(container + ": " + kind + "." + resource).isFalse();
                    }
                }
                boolean quarkus = false;
                for (JsonNode port : c.path("ports")) {
                    quarkus |= port.path("name").asText().equals("http");
                }
                if (quarkus) {
                    assertThat(c.at("/readinessProbe/httpGet/path").asText()).as(container).isEqualTo("/q/health/ready");
                    assertThat(c.at("/livenessProbe/httpGet/path").asText()).as(container).isEqualTo("/q/health/live");
                }
            }
        }
    }

    @Test
    void benchmarkPodsAreGuaranteedWhatThePlanSized() throws Exception {
        OperatorSettings settings = BenchmarkResourcesTest.defaults();
        BenchmarkSpec spec = SpecParser.parse(Files.readString(Path.of("../load-profiles/baseline.yaml")));
        var plan = Planner.plan(spec, "obs.team-a.base", Cluster.kubernetes(3, 1), CapacityModel.DEFAULT);
        var topology = BenchmarkResources.topology(BenchmarkResourcesTest.owner(), spec, plan, 2, settings, "observatory")
                .getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(topology.getLimits()).isEqualTo(topology.getRequests());
        assertThat(topology.getRequests().get("cpu")).isEqualTo(BenchmarkResources.cpu(settings.topologyReplicaCpu()));
        var generator = BenchmarkResources.generatorJob(BenchmarkResourcesTest.owner(), "base-1", 2, settings, "observatory")
                .getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(generator.getLimits()).isEqualTo(generator.getRequests());
        assertThat(generator.getRequests().get("memory").toString()).isEqualTo(settings.generatorMemory());
    }
}
