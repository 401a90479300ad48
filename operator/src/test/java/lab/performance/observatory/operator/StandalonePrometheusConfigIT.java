package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.process.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone Prometheus's scrape config (deploy/k3s/prometheus/prometheus.yml) in Debian's real
 * Prometheus: its relabelling keeps exactly the observatory's metrics endpoints, names each job by
 * the component, and scrapes Quarkus on /q/metrics. Debian builds Prometheus without Kubernetes
 * service discovery (its promtool rejects kubernetes_sd_configs as an unknown field), so the pods
 * are handed over through file discovery with the labels Kubernetes pod discovery would set
 * (__meta_kubernetes_pod_label_*, __meta_kubernetes_pod_container_port_name, ...), one target per
 * container port, for every pod the dev overlay and the operator create, a Strimzi broker, and a
 * pod that is none of ours; the relabel rules themselves are the shipped ones, unchanged.
 */
class StandalonePrometheusConfigIT {

    static final String PROMETHEUS = System.getenv().getOrDefault("PROMETHEUS", "/usr/bin/prometheus");
    static final String PROMTOOL = System.getenv().getOrDefault("PROMTOOL", "/usr/bin/promtool");

    @TempDir
    Path dir;

    static List<DeployedPods.Pod> pods() throws Exception {
        List<DeployedPods.Pod> out = new ArrayList<>(DeployedPods.of("k3s/dev"));
        out.add(new DeployedPods.Pod("observatory-dual-role-0", Map.of("strimzi.io/cluster", "observatory", "strimzi.io/kind", "Kafka",
                "performance.lab/component", "broker"), Map.of("tcp-replication", 9091, "tcp-clients", 9092, "tcp-prometheus", 9404)));
        out.add(new DeployedPods.Pod("someone-else", Map.of("app", "someone"), Map.of("http", 8080, "metrics", 9090)));
        return out;
    }

    /** What Kubernetes pod discovery would hand Prometheus: one target per container port. */
    static ArrayNode discovered(List<DeployedPods.Pod> pods, int unreachablePort) {
        ArrayNode groups = CrdSchemas.JSON.createArrayNode();
        for (DeployedPods.Pod pod : pods) {
            pod.ports().forEach((port, number) -> {
                ObjectNode group = groups.addObject();
                group.putArray("targets").add("127.0.0.1:" + unreachablePort);
                ObjectNode labels = group.putObject("labels");
                labels.put("__meta_kubernetes_namespace", "bench");
                labels.put("__meta_kubernetes_pod_name", pod.name());
                labels.put("__meta_kubernetes_pod_phase", "Running");
                labels.put("__meta_kubernetes_pod_node_name", "k3s-node");
                labels.put("__meta_kubernetes_pod_container_port_name", port);
                labels.put("__meta_kubernetes_pod_container_port_number", Integer.toString(number));
                pod.labels().forEach((k, v) -> labels.put("__meta_kubernetes_pod_label_" + k.replaceAll("[^a-zA-Z0-9_]", "_"), v));
            });
        }
        return groups;
    }

    static int exec(Path log, String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void theShippedRelabellingKeepsExactlyTheObservatorysEndpointsAndNamesTheirJobs() throws Exception {
        String shipped = Files.readString(Kustomize.DEPLOY.resolve("k3s/prometheus/prometheus.yml"));
        assertThat(shipped).contains("kubernetes_sd_configs:");
        Path targets = dir.resolve("pods.json");
        Files.writeString(targets, discovered(pods(), FreePorts.pick()).toString());
        String config = shipped.replaceAll("(?m)^(\\s+)kubernetes_sd_configs:\\n\\s+- role: pod\\n\\s+namespaces: \\{own_namespace: true\\}\\n",
                "$1file_sd_configs:\n$1  - files: ['" + targets + "']\n$1    refresh_interval: 1s\n");
        assertThat(config).doesNotContain("kubernetes_sd_configs");
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, config);
        assertThat(exec(dir.resolve("promtool.log"), PROMTOOL, "check", "config", file.toString()))
                .as(() -> readQuietly(dir.resolve("promtool.log"))).isZero();

        int port = FreePorts.pick();
        Process prometheus = new ProcessBuilder(PROMETHEUS, "--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/targets");
            Map<String, String> scraped = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                JsonNode body = CrdSchemas.JSON.readTree(http.send(HttpRequest.newBuilder(api).build(), HttpResponse.BodyHandlers.ofString()).body());
                scraped.clear();
                for (JsonNode t : body.at("/data/activeTargets")) {
                    scraped.put(t.at("/labels/job").asText() + " " + t.at("/labels/pod").asText(t.at("/labels/kubernetes_pod_name").asText()),
                            URI.create(t.path("scrapeUrl").asText()).getPath());
                }
                return scraped.size() >= 6;
            });
            assertThat(scraped).containsOnly(
                    Map.entry("topology base-topology-x1", "/q/metrics"),
                    Map.entry("operator observatory-operator", "/q/metrics"),
                    Map.entry("api observatory-api", "/q/metrics"),
                    Map.entry("generator base-generator-0", "/metrics"),
                    Map.entry("lag-exporter observatory-lag-exporter", "/metrics"),
                    Map.entry("broker observatory-dual-role-0", "/metrics"));
        } finally {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
