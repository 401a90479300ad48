package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.observe.LagExporterMain;
import org.junit.jupiter.api.Test;

/**
 * deploy/k3s/monitoring against what the operator creates: the PodMonitor selects every
 * component's pods, names their job by a label they all carry, and scrapes ports they all expose;
 * the lag exporter's arguments are ones it accepts; every dashboard is in Grafana's ConfigMap.
 */
class MonitoringManifestsTest {

    static final Path MONITORING = Path.of("../deploy/k3s/monitoring");

    static JsonNode yaml(Path file) throws Exception {
        return CrdSchemas.YAML.readTree(file.toFile());
    }

    /** The pod labels and container of every component, as deployed. */
    record Pod(String component, Map<String, String> labels, Container container) {
    }

    static List<Pod> pods() throws Exception {
        BenchmarkSpec spec = SpecParser.parse(Files.readString(Path.of("../load-profiles/baseline.yaml")));
        PipelineBenchmark owner = BenchmarkResourcesTest.owner();
        OperatorSettings settings = BenchmarkResourcesTest.defaults();
        var plan = Planner.plan(spec, "obs.team-a.base", Cluster.kubernetes(3, 1), CapacityModel.DEFAULT);
        var topology = BenchmarkResources.topology(owner, spec, plan, 1, settings, "observatory").getSpec().getTemplate();
        var generator = BenchmarkResources.generatorJob(owner, "base-1", 1, settings, "observatory").getSpec().getTemplate();
        List<Pod> out = new ArrayList<>();
        out.add(new Pod("topology", topology.getMetadata().getLabels(), topology.getSpec().getContainers().get(0)));
        out.add(new Pod("generator", generator.getMetadata().getLabels(), generator.getSpec().getContainers().get(0)));
        for (Path file : List.of(Path.of("../deploy/k3s/operator.yaml"), MONITORING.resolve("lag-exporter.yaml"))) {
            for (JsonNode doc : CrdSchemas.YAML.readValues(CrdSchemas.YAML.createParser(file.toFile()), JsonNode.class).readAll()) {
                if (doc.path("kind").asText().equals("Deployment")) {
                    JsonNode template = doc.at("/spec/template");
                    Map<String, String> labels = new HashMap<>();
                    template.at("/metadata/labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                    Container c = CrdSchemas.JSON.treeToValue(template.at("/spec/containers/0"), Container.class);
                    out.add(new Pod(labels.get(BenchmarkNames.COMPONENT_LABEL), labels, c));
                }
            }
        }
        return out;
    }

    @Test
    void thePodMonitorSelectsEveryComponentNamesItsJobAndScrapesAPortItExposes() throws Exception {
        JsonNode monitor = yaml(MONITORING.resolve("podmonitor.yaml"));
        assertThat(monitor.path("kind").asText()).isEqualTo("PodMonitor");
        String jobLabel = monitor.at("/spec/jobLabel").asText();
        List<String> ports = new ArrayList<>();
        monitor.at("/spec/podMetricsEndpoints").forEach(e -> ports.add(e.path("port").asText()));
        List<Pod> pods = pods();
        assertThat(pods).extracting(Pod::component).containsExactlyInAnyOrder("topology", "generator", "operator", "lag-exporter");
        for (Pod pod : pods) {
            monitor.at("/spec/selector/matchLabels").fields().forEachRemaining(e ->
                    assertThat(pod.labels()).as(pod.component()).containsEntry(e.getKey(), e.getValue().asText()));
            assertThat(pod.labels()).as(pod.component() + " job label").containsEntry(jobLabel, pod.component());
            assertThat(pod.container().getPorts()).as(pod.component()).extracting(ContainerPort::getName).containsAnyElementsOf(ports);
        }
    }

    @Test
    void theLagExporterRunsWithArgumentsItAccepts() throws Exception {
        JsonNode container = yaml(MONITORING.resolve("lag-exporter.yaml")).at("/spec/template/spec/containers/0");
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        LagExporterMain.Arguments parsed = LagExporterMain.Arguments.parse(args);
        assertThat(parsed.port()).isEqualTo(container.at("/ports/0/containerPort").asInt());
        assertThat(parsed.groups().matcher(BenchmarkNames.of(BenchmarkResourcesTest.owner()).applicationId()).matches())
                .as("the benchmarks' consumer groups are exported").isTrue();
        assertThat(container.at("/command").toString()).contains(LagExporterMain.class.getName());
    }

    @Test
    void everyDashboardIsInGrafanasConfigMap() throws Exception {
        JsonNode kustomization = yaml(Path.of("../grafana/kustomization.yaml"));
        List<String> listed = new ArrayList<>();
        kustomization.at("/configMapGenerator/0/files").forEach(f -> listed.add(f.asText()));
        try (Stream<Path> files = Files.list(Path.of("../grafana/dashboards"))) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(f -> "dashboards/" + f.getFileName()).toList());
        }
        assertThat(yaml(MONITORING.resolve("kustomization.yaml")).path("resources").toString()).contains("../../../grafana");
    }
}
