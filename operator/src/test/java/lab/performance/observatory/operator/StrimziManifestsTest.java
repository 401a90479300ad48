package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import lab.performance.observatory.core.lifecycle.TopologyLaunch;
import org.junit.jupiter.api.Test;

/**
 * deploy/strimzi as kustomize builds each overlay: nothing names a namespace, every Strimzi resource is accepted by the
 * Strimzi 1.x CRD schemas unchanged (nothing Kubernetes would prune), dev is one dual-role node
 * with replication 1, perf is three brokers and three controllers on persistent volumes with an
 * authenticated listener whose users can do what the observatory's clients do and no more than
 * their names need; the metrics rules the brokers are pointed at exist and compile.
 */
class StrimziManifestsTest {

    static final Map<String, String> CRDS = Map.of("Kafka", "040-Crd-kafka.yaml", "KafkaTopic", "043-Crd-kafkatopic.yaml",
            "KafkaUser", "044-Crd-kafkauser.yaml", "KafkaNodePool", "045-Crd-kafkanodepool.yaml");

    static List<JsonNode> build(String overlay) throws IOException, InterruptedException {
        return Kustomize.build("strimzi/" + overlay);
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return Kustomize.ofKind(objects, kind);
    }

    /** Problems the Strimzi 1.x CRD schema finds in a kafka.strimzi.io object (none for other objects). */
    static List<String> strimziProblems(JsonNode o) throws Exception {
        if (!o.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
            return List.of();
        }
        String kind = o.path("kind").asText();
        assertThat(o.path("apiVersion").asText()).as("Strimzi 1.x serves v1 only").isEqualTo("kafka.strimzi.io/v1");
        return CrdSchemas.of(Path.of(StrimziManifestsTest.class.getResource("/crds/" + CRDS.get(kind)).toURI()), "v1").problems(o);
    }

    static void assertStrimziValid(List<JsonNode> objects) throws Exception {
        for (JsonNode o : objects) {
            String kind = o.path("kind").asText();
            // no namespace of its own: it lands where it is applied, the benchmarks' namespace, where the operator
            // creates KafkaTopics and finds <cluster>-kafka-bootstrap
            assertThat(o.at("/metadata/namespace").isMissingNode()).as(kind + " " + o.at("/metadata/name").asText()).isTrue();
            if (o.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                assertThat(strimziProblems(o)).as(kind + " " + o.at("/metadata/name").asText()).isEmpty();
                if (!kind.equals("Kafka")) {
                    assertThat(o.at("/metadata/labels/strimzi.io~1cluster").asText()).as(kind + " belongs to the cluster").isEqualTo("observatory");
                }
            }
        }
    }

    @Test
    void devIsOneDualRoleNodeWithReplicationOne() throws Exception {
        List<JsonNode> dev = build("dev");
        assertStrimziValid(dev);
        List<JsonNode> pools = ofKind(dev, "KafkaNodePool");
        assertThat(pools).hasSize(1);
        assertThat(pools.get(0).at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(pools.get(0).at("/spec/roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("broker", "controller");
        JsonNode kafka = ofKind(dev, "Kafka").get(0);
        kafka.at("/spec/kafka/config").fields().forEachRemaining(e -> {
            if (e.getKey().contains("replication.factor") || e.getKey().contains("isr") || e.getKey().contains("insync")) {
                assertThat(e.getValue().asInt()).as(e.getKey() + " on one node").isEqualTo(1);
            }
        });
        assertThat(ofKind(dev, "KafkaTopic").get(0).at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(ofKind(dev, "KafkaUser")).isEmpty();
    }

    @Test
    void perfSeparatesThreeBrokersFromThreeControllersOnPersistentVolumes() throws Exception {
        List<JsonNode> perf = build("perf");
        assertStrimziValid(perf);
        int brokers = 0;
        int controllers = 0;
        for (JsonNode pool : ofKind(perf, "KafkaNodePool")) {
            assertThat(pool.at("/spec/storage/type").asText()).isEqualTo("persistent-claim");
            assertThat(pool.at("/spec/resources/limits/memory").asText()).isNotBlank();
            for (JsonNode role : pool.at("/spec/roles")) {
                if (role.asText().equals("broker")) {
                    brokers += pool.at("/spec/replicas").asInt();
                } else {
                    controllers += pool.at("/spec/replicas").asInt();
                }
            }
            assertThat(pool.at("/spec/roles")).as("brokers and controllers apart").hasSize(1);
        }
        assertThat(brokers).isEqualTo(3);
        assertThat(controllers).isEqualTo(3);
        JsonNode kafka = ofKind(perf, "Kafka").get(0);
        assertThat(kafka.at("/spec/kafka/config/min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(kafka.at("/spec/kafka/authorization/type").asText()).isEqualTo("simple");
        // the observatory's unauthenticated clients: only its own pods reach the plain listener
        JsonNode plain = kafka.at("/spec/kafka/listeners/0");
        assertThat(plain.path("name").asText()).isEqualTo("plain");
        assertThat(plain.at("/authentication").isMissingNode()).isTrue();
        assertThat(plain.at("/networkPolicyPeers/0/podSelector/matchLabels/app.kubernetes.io~1part-of").asText())
                .isEqualTo("performance-observatory");
        assertThat(plain.path("networkPolicyPeers")).hasSize(1);
        assertThat(kafka.at("/spec/kafka/authorization/superUsers").toString()).isEqualTo("[\"ANONYMOUS\"]");
    }

    @Test
    void perfUsersAuthenticateOnAListenerAndMayDoWhatTheirClientsDo() throws Exception {
        List<JsonNode> perf = build("perf");
        JsonNode kafka = ofKind(perf, "Kafka").get(0);
        Set<String> listenerAuth = new HashSet<>();
        kafka.at("/spec/kafka/listeners").forEach(l -> listenerAuth.add(l.at("/authentication/type").asText()));
        BenchmarkNames names = BenchmarkNames.of(BenchmarkResourcesTest.owner());
        String inputTopic = names.topicPrefix() + ".ticks";
        String deadLetter = names.topicPrefix() + ".dead-letter";
        Map<String, List<String>> needs = Map.of(
                "observatory-generator", List.of("topic:" + inputTopic + ":Write", "cluster:kafka-cluster:IdempotentWrite"),
                "observatory-topology", List.of("topic:" + inputTopic + ":Read", "topic:" + deadLetter + ":Write",
                        "group:" + names.applicationId() + ":Read", "topic:" + TopologyLaunch.DEFAULT_LIVE_TOPIC + ":Write"),
                "observatory-api", List.of("topic:" + TopologyLaunch.DEFAULT_LIVE_TOPIC + ":Read", "group:observatory-api-live-3f2a:Read"),
                "observatory-lag-exporter", List.of("group:" + names.applicationId() + ":Describe", "topic:" + inputTopic + ":Read"));
        List<JsonNode> users = ofKind(perf, "KafkaUser");
        assertThat(users).extracting(u -> u.at("/metadata/name").asText()).containsExactlyInAnyOrderElementsOf(needs.keySet());
        for (JsonNode user : users) {
            String name = user.at("/metadata/name").asText();
            assertThat(listenerAuth).as(name + " has a listener to authenticate on").contains(user.at("/spec/authentication/type").asText());
            for (String need : needs.get(name)) {
                String[] n = need.split(":");
                assertThat(allows(user, n[0], n[1], n[2])).as(name + " may " + n[2] + " " + n[0] + " " + n[1]).isTrue();
            }
            // nothing beyond the observatory's own names, and no All
            assertThat(allows(user, "topic", "__consumer_offsets", "Read")).as(name + " reads no internal topic").isFalse();
            assertThat(allows(user, "topic", "someone-elses-topic", "Write")).as(name + " writes no other topic").isFalse();
            user.at("/spec/authorization/acls").forEach(acl -> assertThat(acl.path("operations").toString()).doesNotContain("\"All\""));
        }
        assertThat(allows(users.stream().filter(u -> u.at("/metadata/name").asText().equals("observatory-api")).findFirst().orElseThrow(),
                "topic", inputTopic, "Read")).as("the api reads no benchmark data").isFalse();
    }

    /** Whether one of the user's allow rules covers {@code operation} on the resource named {@code name}. */
    static boolean allows(JsonNode user, String type, String name, String operation) {
        for (JsonNode acl : user.at("/spec/authorization/acls")) {
            JsonNode r = acl.path("resource");
            if (!acl.path("type").asText("allow").equals("allow") || !r.path("type").asText().equals(type)) {
                continue;
            }
            boolean named = type.equals("cluster") || (r.path("patternType").asText("literal").equals("prefix")
                    ? name.startsWith(r.path("name").asText()) : name.equals(r.path("name").asText()));
            List<String> ops = new ArrayList<>();
            acl.path("operations").forEach(o -> ops.add(o.asText()));
            if (named && ops.contains(operation)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theBrokersMetricsRulesExistAndCompileAndTheLiveTopicIsTheOneTheComponentsUse() throws Exception {
        for (String overlay : List.of("dev", "perf")) {
            List<JsonNode> objects = build(overlay);
            JsonNode ref = ofKind(objects, "Kafka").get(0).at("/spec/kafka/metricsConfig/valueFrom/configMapKeyRef");
            JsonNode map = ofKind(objects, "ConfigMap").stream().filter(m -> m.at("/metadata/name").asText().equals(ref.path("name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no ConfigMap " + ref.path("name").asText()));
            JsonNode rules = CrdSchemas.YAML.readTree(map.at("/data").path(ref.path("key").asText()).asText());
            assertThat(rules.path("rules")).isNotEmpty();
            for (JsonNode rule : rules.path("rules")) {
                Pattern.compile(rule.path("pattern").asText());
                assertThat(rule.path("name").asText()).matches("kafka_[a-z_$0-9]+");
            }
            assertThat(ofKind(objects, "KafkaTopic")).extracting(t -> t.at("/metadata/name").asText())
                    .containsExactly(TopologyLaunch.DEFAULT_LIVE_TOPIC);
        }
        java.util.Properties api = new java.util.Properties();
        try (var in = java.nio.file.Files.newInputStream(Path.of("../api/src/main/resources/application.properties"))) {
            api.load(in);
        }
        assertThat(api.getProperty("mp.messaging.incoming.live.topic")).isEqualTo(TopologyLaunch.DEFAULT_LIVE_TOPIC);
        assertThat(api.getProperty("mp.messaging.incoming.live.group.id")).startsWith("observatory-api-live-");
    }
}
