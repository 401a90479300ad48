package lab.performance.observatory.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;

/** The pods a deployment runs: one per workload an overlay builds, and the topology and generator pods the operator creates. */
final class DeployedPods {

    /** A pod's name, labels, container ports (name to number) and spec (missing for pods described by hand). */
    record Pod(String name, Map<String, String> labels, Map<String, Integer> ports, JsonNode spec) {
        Pod(String name, Map<String, String> labels, Map<String, Integer> ports) {
            this(name, labels, ports, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        }
    }

    private DeployedPods() {
    }

    static Pod pod(String name, JsonNode labels, JsonNode spec) {
        Map<String, String> l = new TreeMap<>();
        labels.fields().forEachRemaining(e -> l.put(e.getKey(), e.getValue().asText()));
        Map<String, Integer> ports = new TreeMap<>();
        spec.path("containers").forEach(c -> c.path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt())));
        return new Pod(name, l, ports, spec);
    }

    /** The pods of {@code deploy/<dirs>} as built, then the operator's topology pod and generator pod of the baseline benchmark. */
    static List<Pod> of(String... dirs) throws Exception {
        List<Pod> out = new ArrayList<>();
        for (String dir : dirs) {
            for (JsonNode o : Kustomize.build(dir)) {
                JsonNode spec = Kustomize.podSpec(o);
                if (!spec.isMissingNode()) {
                    out.add(pod(o.at("/metadata/name").asText(), Kustomize.podLabels(o), spec));
                }
            }
        }
        BenchmarkSpec spec = SpecParser.parse(Files.readString(Path.of("../load-profiles/baseline.yaml")));
        var plan = Planner.plan(spec, "obs.bench.base", Cluster.kubernetes(3, 1), CapacityModel.DEFAULT);
        var topology = BenchmarkResources.topology(BenchmarkResourcesTest.owner(), spec, plan, 1, BenchmarkResourcesTest.defaults(), "observatory")
                .getSpec().getTemplate();
        var generator = BenchmarkResources.generatorJob(BenchmarkResourcesTest.owner(), "base-1", 1, BenchmarkResourcesTest.defaults(), "observatory")
                .getSpec().getTemplate();
        out.add(pod("base-topology-x1", CrdSchemas.JSON.valueToTree(topology.getMetadata().getLabels()), CrdSchemas.JSON.valueToTree(topology.getSpec())));
        out.add(pod("base-generator-0", CrdSchemas.JSON.valueToTree(generator.getMetadata().getLabels()), CrdSchemas.JSON.valueToTree(generator.getSpec())));
        return out;
    }
}
