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
import lab.performance.observatory.observe.LagExporterMain;
import org.junit.jupiter.api.Test;

/**
 * deploy/k3s/monitoring against what the operator creates: the PodMonitor selects every
 * component's pods, names their job by a label they all carry, and scrapes ports they all expose;
 * the lag exporter's arguments are ones it accepts; every dashboard is in Grafana's ConfigMap.
 */
class MonitoringManifestsTest {

    static JsonNode yaml(Path file) throws Exception {
        return CrdSchemas.YAML.readTree(file.toFile());
    }

    /** The pod labels and container of every component, as deployed. */
    record Pod(String component, Map<String, String> labels, Container container) {
    }

    static List<Pod> pods() throws Exception {
        List<Pod> out = new ArrayList<>();
        for (DeployedPods.Pod p : DeployedPods.of("k3s/dev")) {
            out.add(new Pod(p.labels().get(BenchmarkNames.COMPONENT_LABEL), p.labels(),
                    CrdSchemas.JSON.treeToValue(p.spec().at("/containers/0"), Container.class)));
        }
        return out;
    }

    /** What Prometheus scrapes: the component's pods expose a Quarkus http port or a metrics port. */
    static final List<String> SCRAPED = List.of("topology", "generator", "operator", "lag-exporter", "api");

    @Test
    void thePodMonitorSelectsEveryComponentNamesItsJobAndScrapesAPortItExposes() throws Exception {
        JsonNode monitor = Kustomize.named(Kustomize.build("k3s/monitoring"), "PodMonitor", "performance-observatory");
        String jobLabel = monitor.at("/spec/jobLabel").asText();
        Map<String, String> paths = new HashMap<>();
        monitor.at("/spec/podMetricsEndpoints").forEach(e -> paths.put(e.path("port").asText(), e.path("path").asText()));
        List<Pod> pods = pods();
        List<String> scraped = new ArrayList<>();
        for (Pod pod : pods) {
            boolean selected = true;
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) () -> monitor.at("/spec/selector/matchLabels").fields()) {
                selected &= e.getValue().asText().equals(pod.labels().get(e.getKey()));
            }
            List<String> exposed = pod.container().getPorts().stream().map(ContainerPort::getName).filter(paths::containsKey).toList();
            if (selected && !exposed.isEmpty()) {
                scraped.add(pod.component());
                assertThat(pod.labels()).as(pod.component() + " job label").containsEntry(jobLabel, pod.component());
                for (String port : exposed) {
                    // Quarkus serves /q/metrics where it serves /q/health: the port named http is a Quarkus one
                    if (paths.get(port).equals("/q/metrics")) {
                        assertThat(pod.container().getReadinessProbe().getHttpGet().getPath()).as(pod.component()).isEqualTo("/q/health/ready");
                    }
                }
            }
        }
        assertThat(scraped).as("components scraped").containsExactlyInAnyOrderElementsOf(SCRAPED);
    }

    @Test
    void theBrokersPodMonitorScrapesThePortStrimziOpensForTheMetricsTheKafkaAsksFor() throws Exception {
        JsonNode monitor = Kustomize.named(Kustomize.build("k3s/monitoring"), "PodMonitor", "observatory-kafka");
        assertThat(monitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("tcp-prometheus");
        JsonNode kafka = Kustomize.ofKind(Kustomize.build("k3s/dev"), "Kafka").get(0);
        assertThat(monitor.at("/spec/selector/matchLabels/strimzi.io~1cluster").asText()).isEqualTo(kafka.at("/metadata/name").asText());
        assertThat(kafka.at("/spec/kafka/metricsConfig/type").asText()).isEqualTo("jmxPrometheusExporter");
        assertThat(kafka.at("/spec/kafka/template/pod/metadata/labels/performance.lab~1component").asText()).isEqualTo("broker");
        assertThat(monitor.at("/spec/jobLabel").asText()).isEqualTo(BenchmarkNames.COMPONENT_LABEL);
    }

    @Test
    void theLagExporterRunsWithArgumentsItAccepts() throws Exception {
        JsonNode container = Kustomize.podSpec(Kustomize.named(Kustomize.build("k3s/dev"), "Deployment", "observatory-lag-exporter")).at("/containers/0");
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        LagExporterMain.Arguments parsed = LagExporterMain.Arguments.parse(args);
        assertThat(parsed.port()).isEqualTo(container.at("/ports/0/containerPort").asInt());
        assertThat(parsed.groups().matcher(BenchmarkNames.of(BenchmarkResourcesTest.owner()).applicationId()).matches())
                .as("the benchmarks' consumer groups are exported").isTrue();
        assertThat(container.at("/command").toString()).contains(LagExporterMain.class.getName());
    }

    @Test
    void grafanasProvisioningCarriesEveryDashboardAndTheDatasourcesTheyAskFor() throws Exception {
        List<JsonNode> monitoring = Kustomize.build("k3s/monitoring");
        JsonNode dashboards = Kustomize.named(monitoring, "ConfigMap", "observatory-grafana-dashboards");
        assertThat(dashboards.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        List<String> files;
        try (Stream<Path> list = Files.list(Path.of("../grafana/dashboards"))) {
            files = list.map(f -> f.getFileName().toString()).sorted().toList();
        }
        List<String> provisioned = new ArrayList<>();
        dashboards.path("data").fieldNames().forEachRemaining(provisioned::add);
        assertThat(provisioned).containsExactlyInAnyOrderElementsOf(files);
        // the datasource types the dashboards' datasource variables choose from
        java.util.Set<String> wanted = new java.util.TreeSet<>();
        for (String file : files) {
            JsonNode dashboard = CrdSchemas.JSON.readTree(dashboards.at("/data").path(file).asText());
            assertThat(dashboard.path("uid").asText()).as(file).isNotBlank();
            dashboard.at("/templating/list").forEach(v -> {
                if (v.path("type").asText().equals("datasource")) {
                    wanted.add(v.path("query").asText());
                }
            });
        }
        assertThat(wanted).containsExactlyInAnyOrder("prometheus", "grafana-postgresql-datasource");
        JsonNode datasources = Kustomize.named(monitoring, "ConfigMap", "observatory-grafana-datasources");
        assertThat(datasources.at("/metadata/labels/grafana_datasource").asText()).isEqualTo("1");
        for (JsonNode provisioning : List.of(yaml(datasources.at("/data/observatory-datasources.yaml").asText()),
                yaml(Path.of("../grafana/provisioning/datasources/observatory.yaml")))) {
            List<String> types = new ArrayList<>();
            provisioning.path("datasources").forEach(d -> types.add(d.path("type").asText()));
            assertThat(types).containsAll(wanted);
        }
        // the k3s PostgreSQL datasource reads as the SELECT-only role the database's init script creates
        JsonNode postgres = null;
        for (JsonNode d : yaml(datasources.at("/data/observatory-datasources.yaml").asText()).path("datasources")) {
            postgres = d.path("type").asText().equals("grafana-postgresql-datasource") ? d : postgres;
        }
        assertThat(postgres.path("user").asText()).isEqualTo("observatory_reader");
        String init = Kustomize.named(Kustomize.build("k3s/dev"), "ConfigMap", "observatory-postgres-init").at("/data/010-observatory.sh").asText();
        assertThat(init).contains("CREATE ROLE observatory_reader").contains("GRANT SELECT ON TABLES TO observatory_reader");
    }

    static JsonNode yaml(String text) throws Exception {
        return CrdSchemas.YAML.readTree(text);
    }
}
