package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/k3s as kustomize builds each overlay (dev, perf) and the standalone Prometheus: every
 * object fits its schema (the fabric8 model strictly for built-in kinds, Strimzi's CRDs for
 * Strimzi's), lands in the overlay's namespace, and refers only to Secrets, ConfigMaps, ports and
 * pods that exist (perf's two Secrets come from deploy/scripts/secrets.sh, with the keys the pods
 * read); the operator plans for as many brokers as the overlay's Kafka has; the regression
 * CronJob runs every 6 hours on the runner's resources.
 */
class K3sManifestsTest {

    static final List<String> OVERLAYS = List.of("k3s/dev", "k3s/perf");
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition");

    @Test
    void everyObjectFitsItsSchemaAndLandsInTheOverlaysNamespace() throws Exception {
        for (String dir : List.of("k3s/dev", "k3s/perf", "k3s/prometheus", "k3s/monitoring")) {
            List<JsonNode> objects = Kustomize.build(dir);
            assertThat(objects).as(dir).isNotEmpty();
            for (JsonNode o : objects) {
                String what = dir + ": " + o.path("kind").asText() + " " + o.at("/metadata/name").asText();
                if (StrictModel.covers(o)) {
                    assertThat(StrictModel.problems(o)).as(what).isEmpty();
                } else if (o.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                    assertThat(StrimziManifestsTest.strimziProblems(o)).as(what).isEmpty();
                } else {
                    // the Prometheus Operator's CRDs are not on hand here: its objects are checked field by field (MonitoringManifestsTest)
                    assertThat(o.path("apiVersion").asText()).as(what).isEqualTo("monitoring.coreos.com/v1");
                }
                if (OVERLAYS.contains(dir)) {
                    String namespace = o.at("/metadata/namespace").asText();
                    assertThat(namespace).as(what).isEqualTo(CLUSTER_SCOPED.contains(o.path("kind").asText()) ? "" : "bench");
                } else {
                    assertThat(o.at("/metadata/namespace").isMissingNode()).as(what + ": applied with -n").isTrue();
                }
            }
        }
    }

    /**
     * The shipped load profiles reach the operator as the files themselves: one ConfigMap per profile
     * (under the 1 MiB a ConfigMap holds), each named in the operator's projected volume and in the list
     * it mounts into generator pods, and every shipped replay spec names one of them.
     */
    @Test
    void theOperatorMountsEveryShippedLoadProfileAndGivesItsGeneratorsTheSame() throws Exception {
        Path recordings = Path.of("../load-profiles/recordings");
        for (String dir : OVERLAYS) {
            List<JsonNode> objects = Kustomize.build(dir);
            Map<String, String> keyToMap = new HashMap<>();
            for (JsonNode map : Kustomize.ofKind(objects, "ConfigMap")) {
                if (!map.at("/metadata/labels/app.kubernetes.io~1component").asText().equals("load-profiles")) {
                    continue;
                }
                assertThat(map.path("data").isMissingNode()).as("binary: binaryData only").isTrue();
                map.path("binaryData").fields().forEachRemaining(e -> {
                    byte[] bytes = java.util.Base64.getMimeDecoder().decode(e.getValue().asText());
                    assertThat(e.getValue().asText().length()).as(e.getKey() + " in one ConfigMap").isLessThan(1024 * 1024);
                    try {
                        assertThat(bytes).as(e.getKey()).isEqualTo(Files.readAllBytes(recordings.resolve(e.getKey())));
                    } catch (java.io.IOException x) {
                        throw new AssertionError(x);
                    }
                    keyToMap.put(e.getKey(), map.at("/metadata/name").asText());
                });
            }
            try (var files = Files.list(recordings)) {
                assertThat(keyToMap.keySet()).as(dir).containsExactlyInAnyOrderElementsOf(
                        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".profile.avro")).toList());
            }
            JsonNode operator = Kustomize.named(objects, "Deployment", "observatory-operator");
            JsonNode pod = Kustomize.podSpec(operator);
            List<String> projected = new ArrayList<>();
            pod.path("volumes").forEach(v -> {
                if (v.path("name").asText().equals("load-profiles")) {
                    v.at("/projected/sources").forEach(src -> projected.add(src.at("/configMap/name").asText()));
                }
            });
            assertThat(projected).as(dir).containsExactlyInAnyOrderElementsOf(new HashSet<>(keyToMap.values()));
            Map<String, String> env = new HashMap<>();
            pod.at("/containers/0/env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            assertThat(List.of(env.get("OBSERVATORY_OPERATOR_PROFILE_CONFIG_MAPS").split(","))).as(dir).containsExactlyElementsOf(projected);
            String profilesDir = env.get("OBSERVATORY_OPERATOR_PROFILES_DIR");
            List<String> mounts = new ArrayList<>();
            pod.at("/containers/0/volumeMounts").forEach(m -> {
                if (m.path("name").asText().equals("load-profiles")) {
                    assertThat(m.path("readOnly").asBoolean()).isTrue();
                    mounts.add(m.path("mountPath").asText());
                }
            });
            assertThat(mounts).as("where generator pods get them too").containsExactly(profilesDir + "/recordings");
        }
        // every shipped replay spec names a profile that is mounted
        try (var specs = Files.list(Path.of("../load-profiles"))) {
            for (Path spec : specs.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (JsonNode source : CrdSchemas.YAML.readTree(spec.toFile()).at("/spec/data_sources")) {
                    if (source.at("/pattern/type").asText().equals("replay")) {
                        assertThat(source.at("/pattern/profile").asText()).as(spec.toString()).startsWith("recordings/");
                        assertThat(recordings.resolve(source.at("/pattern/profile").asText().substring("recordings/".length())))
                                .as(spec.toString()).isRegularFile();
                    }
                }
            }
        }
    }

    @Test
    void bothOverlaysShipTheWholeObservatory() throws Exception {
        for (String dir : OVERLAYS) {
            List<JsonNode> objects = Kustomize.build(dir);
            Set<String> components = new HashSet<>();
            for (JsonNode o : objects) {
                JsonNode component = Kustomize.podLabels(o).path("performance.lab/component");
                if (!component.isMissingNode()) {
                    components.add(component.asText());
                }
            }
            assertThat(components).as(dir).containsExactlyInAnyOrder("operator", "postgres", "registry", "api", "lag-exporter", "runner");
            assertThat(Kustomize.ofKind(objects, "CustomResourceDefinition")).extracting(c -> c.at("/metadata/name").asText())
                    .containsExactly("pipelinebenchmarks.performance.lab");
            assertThat(Kustomize.ofKind(objects, "Kafka")).hasSize(1);
            assertThat(Kustomize.ofKind(objects, "PodMonitor")).hasSize(2);
            assertThat(Kustomize.ofKind(objects, "ConfigMap")).extracting(c -> c.at("/metadata/name").asText())
                    .contains("observatory-grafana-dashboards", "observatory-grafana-datasources", "kafka-metrics");
            JsonNode postgres = Kustomize.named(objects, "StatefulSet", "postgres");
            assertThat(postgres.at("/spec/template/spec/containers/0/image").asText()).startsWith("timescale/timescaledb:");
            assertThat(postgres.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isNotBlank();
            Map<String, String> env = new HashMap<>();
            postgres.at("/spec/template/spec/containers/0/env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            // timescaledb-tune sizes the database for the memory and CPUs the container is given
            assertThat(env.get("TS_TUNE_MEMORY")).as(dir).isEqualTo(dir.equals("k3s/perf") ? "4GB" : "1GB");
            assertThat(env.get("TS_TUNE_NUM_CPUS")).as(dir).isEqualTo(postgres.at("/spec/template/spec/containers/0/resources/limits/cpu").asText());
        }
    }

    @Test
    void podsReferOnlyToSecretsConfigMapsAndKeysThatExist() throws Exception {
        Map<String, Set<String>> scripted = scriptedSecrets();
        assertThat(scripted).containsOnlyKeys("observatory-postgres", "observatory-api");
        for (String dir : OVERLAYS) {
            List<JsonNode> objects = Kustomize.build(dir);
            Map<String, Set<String>> secrets = new HashMap<>();
            Map<String, Set<String>> configMaps = new HashMap<>();
            for (JsonNode o : objects) {
                Map<String, Set<String>> into = switch (o.path("kind").asText()) {
                    case "Secret" -> secrets;
                    case "ConfigMap" -> configMaps;
                    default -> null;
                };
                if (into != null) {
                    Set<String> keys = new HashSet<>();
                    o.path("data").fieldNames().forEachRemaining(keys::add);
                    o.path("stringData").fieldNames().forEachRemaining(keys::add);
                    into.put(o.at("/metadata/name").asText(), keys);
                }
            }
            if (dir.equals("k3s/perf")) {
                assertThat(secrets).as("perf keeps its credentials out of git").isEmpty();
                secrets.putAll(scripted);
            } else {
                assertThat(secrets.keySet()).containsExactlyInAnyOrderElementsOf(scripted.keySet());
                secrets.forEach((name, keys) -> assertThat(keys).as("dev secret " + name + " has what the script writes for perf")
                        .containsExactlyInAnyOrderElementsOf(scripted.get(name)));
            }
            for (JsonNode o : objects) {
                JsonNode pod = Kustomize.podSpec(o);
                if (pod.isMissingNode()) {
                    continue;
                }
                String what = dir + ": " + o.path("kind").asText() + " " + o.at("/metadata/name").asText();
                for (JsonNode ref : pod.findValues("secretKeyRef")) {
                    assertThat(secrets).as(what).containsKey(ref.path("name").asText());
                    assertThat(secrets.get(ref.path("name").asText())).as(what + " reads " + ref).contains(ref.path("key").asText());
                }
                for (JsonNode ref : pod.findValues("configMapKeyRef")) {
                    assertThat(configMaps).as(what).containsKey(ref.path("name").asText());
                }
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.has("configMap")) {
                        assertThat(configMaps).as(what + " volume " + volume.path("name").asText())
                                .containsKey(volume.at("/configMap/name").asText());
                    }
                    if (volume.has("secret")) {
                        assertThat(secrets).as(what).containsKey(volume.at("/secret/secretName").asText());
                    }
                }
                for (JsonNode mount : pod.findValues("volumeMounts")) {
                    for (JsonNode m : mount) {
                        if (m.has("subPath")) {
                            String volume = m.path("name").asText();
                            JsonNode source = null;
                            for (JsonNode v : pod.path("volumes")) {
                                if (v.path("name").asText().equals(volume)) {
                                    source = v;
                                }
                            }
                            assertThat(source).as(what + " mounts " + volume).isNotNull();
                            if (source.has("configMap")) {
                                assertThat(configMaps.get(source.at("/configMap/name").asText())).as(what + " subPath")
                                        .contains(m.path("subPath").asText());
                            }
                        }
                    }
                }
            }
        }
    }

    /** The Secrets deploy/scripts/secrets.sh creates for perf, with their keys. */
    static Map<String, Set<String>> scriptedSecrets() throws Exception {
        String script = Files.readString(Kustomize.DEPLOY.resolve("scripts/secrets.sh"));
        Map<String, Set<String>> out = new HashMap<>();
        Matcher secret = Pattern.compile("-n \"\\$ns\" create secret generic ([a-z0-9-]+)((?:\\\\\\n|[^\\n])*)").matcher(script);
        while (secret.find()) {
            Set<String> keys = new HashSet<>();
            Matcher literal = Pattern.compile("--from-literal=([a-z0-9-]+)=").matcher(secret.group(2));
            while (literal.find()) {
                keys.add(literal.group(1));
            }
            out.put(secret.group(1), keys);
        }
        return out;
    }

    @Test
    void servicesSelectPodsThatExposeTheirTargetPorts() throws Exception {
        for (String dir : List.of("k3s/dev", "k3s/perf", "k3s/prometheus")) {
            List<JsonNode> objects = Kustomize.build(dir);
            for (JsonNode service : Kustomize.ofKind(objects, "Service")) {
                String what = dir + ": Service " + service.at("/metadata/name").asText();
                List<JsonNode> selected = new ArrayList<>();
                for (JsonNode o : objects) {
                    JsonNode labels = Kustomize.podLabels(o);
                    if (labels.isMissingNode()) {
                        continue;
                    }
                    boolean all = true;
                    for (var e : (Iterable<Map.Entry<String, JsonNode>>) () -> service.at("/spec/selector").fields()) {
                        all &= labels.path(e.getKey()).asText().equals(e.getValue().asText());
                    }
                    if (all) {
                        selected.add(o);
                    }
                }
                assertThat(selected).as(what + " selects one workload").hasSize(1);
                Set<String> ports = new HashSet<>();
                Kustomize.podSpec(selected.get(0)).findValues("ports").forEach(list -> list.forEach(p -> ports.add(p.path("name").asText())));
                for (JsonNode port : service.at("/spec/ports")) {
                    assertThat(ports).as(what + " target port").contains(port.path("targetPort").asText());
                }
            }
        }
    }

    @Test
    void theOperatorPlansForTheBrokersTheOverlaysKafkaHas() throws Exception {
        for (String dir : OVERLAYS) {
            List<JsonNode> objects = Kustomize.build(dir);
            int brokers = 0;
            for (JsonNode pool : Kustomize.ofKind(objects, "KafkaNodePool")) {
                for (JsonNode role : pool.at("/spec/roles")) {
                    brokers += role.asText().equals("broker") ? pool.at("/spec/replicas").asInt() : 0;
                }
            }
            JsonNode operator = Kustomize.named(objects, "Deployment", "observatory-operator");
            Map<String, String> env = new HashMap<>();
            operator.at("/spec/template/spec/containers/0/env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            assertThat(env.get("OBSERVATORY_OPERATOR_BROKERS")).as(dir).isEqualTo(Integer.toString(brokers));
            assertThat(env.get("OBSERVATORY_OPERATOR_KAFKA_CLUSTER")).isEqualTo(Kustomize.ofKind(objects, "Kafka").get(0).at("/metadata/name").asText());
            String registry = env.get("OBSERVATORY_OPERATOR_SCHEMA_REGISTRY_URL");
            assertThat(registry).startsWith("http://" + Kustomize.named(objects, "Service", "apicurio").at("/metadata/name").asText() + ":8080/");
        }
    }

    @Test
    void theRegressionCronJobRunsEverySixHoursOnTheRunnersResourcesAndNeverTwiceAtOnce() throws Exception {
        for (String dir : OVERLAYS) {
            JsonNode cron = Kustomize.named(Kustomize.build(dir), "CronJob", "observatory-regression");
            assertThat(cron.at("/spec/schedule").asText()).isEqualTo("0 */6 * * *");
            assertThat(cron.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
            assertThat(cron.at("/spec/jobTemplate/spec/backoffLimit").asInt(-1)).as("a regression is not retried").isZero();
            JsonNode runner = Kustomize.podSpec(cron).at("/containers/0");
            assertThat(runner.at("/resources/requests/cpu").asText()).isEqualTo("2");
            assertThat(runner.at("/resources/requests/memory").asText()).isEqualTo("4Gi");
            assertThat(runner.at("/resources/limits/cpu").asText()).isEqualTo("4");
            assertThat(runner.at("/resources/limits/memory").asText()).isEqualTo("8Gi");
            // what the command is, and that observatory accepts it, is the CLI's test (RegressionCronJobTest)
            assertThat(runner.at("/command/0").asText()).isEqualTo("/opt/observatory/bin/observatory");
        }
    }
}
