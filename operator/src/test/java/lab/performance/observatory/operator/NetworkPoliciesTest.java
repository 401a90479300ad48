package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The NetworkPolicies of deploy/k3s, evaluated as Kubernetes evaluates ingress policies (a pod
 * selected by any policy admits only what one of their rules allows; peers by pod and namespace
 * selectors; ports by number or by the target container's port name) over the pods the overlays
 * and the operator create and the pods of kube-prometheus-stack: every flow the data path needs is
 * allowed, and flows it does not need are refused.
 */
class NetworkPoliciesTest {

    static final String NS = "bench";

    record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {
    }

    /** Every pod in the namespace by component, the operator's included, and the monitoring stack's. */
    static Map<String, Pod> pods(String overlay) throws Exception {
        Map<String, Pod> out = new HashMap<>();
        for (DeployedPods.Pod p : DeployedPods.of(overlay, "k3s/prometheus")) {
            out.put(p.labels().get("performance.lab/component"), new Pod(p.name(), NS, p.labels(), p.ports()));
        }
        out.put("monitoring-prometheus", new Pod("prometheus-kube-prometheus-stack-0", "monitoring",
                Map.of("app.kubernetes.io/name", "prometheus"), Map.of("web", 9090)));
        out.put("monitoring-grafana", new Pod("kube-prometheus-stack-grafana", "monitoring",
                Map.of("app.kubernetes.io/name", "grafana"), Map.of("http", 3000)));
        out.put("monitoring-alertmanager", new Pod("alertmanager-0", "monitoring",
                Map.of("app.kubernetes.io/name", "alertmanager"), Map.of("web", 9093)));
        out.put("stranger", new Pod("someone", "default", Map.of("app", "someone"), Map.of()));
        out.put("stranger-in-bench", new Pod("debug", NS, Map.of("app", "debug"), Map.of()));
        return out;
    }

    static List<JsonNode> policies(String overlay) throws Exception {
        List<JsonNode> out = new ArrayList<>(Kustomize.ofKind(Kustomize.build(overlay), "NetworkPolicy"));
        out.addAll(Kustomize.ofKind(Kustomize.build("k3s/prometheus"), "NetworkPolicy"));
        return out;
    }

    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector.isMissingNode() || selector.isNull()) {
            return true;
        }
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) () -> selector.path("matchLabels").fields()) {
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode x : selector.path("matchExpressions")) {
            String value = labels.get(x.path("key").asText());
            List<String> values = new ArrayList<>();
            x.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (x.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown operator " + x);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean peerMatches(JsonNode peer, Pod source, String policyNamespace) {
        if (peer.has("ipBlock")) {
            return false;
        }
        boolean namespaceOk = peer.has("namespaceSelector")
                ? selects(peer.path("namespaceSelector"), Map.of("kubernetes.io/metadata.name", source.namespace()))
                : source.namespace().equals(policyNamespace);
        return namespaceOk && (!peer.has("podSelector") || selects(peer.path("podSelector"), source.labels()));
    }

    /** Whether {@code source} may open a connection to {@code target}'s port named {@code port}. */
    static boolean allowed(List<JsonNode> policies, Pod source, Pod target, String port) {
        int number = target.ports().getOrDefault(port, -1);
        assertThat(number).as(target.name() + " exposes " + port).isPositive();
        boolean selected = false;
        for (JsonNode policy : policies) {
            String policyNamespace = policy.at("/metadata/namespace").asText(NS);
            if (!policyNamespace.isEmpty() && !policyNamespace.equals(target.namespace()) || !selects(policy.at("/spec/podSelector"), target.labels())) {
                continue;
            }
            List<String> types = new ArrayList<>();
            policy.at("/spec/policyTypes").forEach(t -> types.add(t.asText()));
            if (!types.isEmpty() && !types.contains("Ingress")) {
                continue;
            }
            selected = true;
            for (JsonNode rule : policy.at("/spec/ingress")) {
                boolean fromOk = !rule.has("from") || rule.path("from").isEmpty();
                for (JsonNode peer : rule.path("from")) {
                    fromOk |= peerMatches(peer, source, target.namespace());
                }
                boolean portOk = !rule.has("ports") || rule.path("ports").isEmpty();
                for (JsonNode p : rule.path("ports")) {
                    JsonNode value = p.path("port");
                    portOk |= value.isMissingNode() || (value.isInt() ? value.asInt() == number : value.asText().equals(port));
                }
                if (fromOk && portOk) {
                    return true;
                }
            }
        }
        return !selected;
    }

    @Test
    void theDataPathsFlowsAreAllowed() throws Exception {
        for (String overlay : K3sManifestsTest.OVERLAYS) {
            Map<String, Pod> pods = pods(overlay);
            List<JsonNode> policies = policies(overlay);
            for (String source : List.of("operator", "topology", "generator", "api", "runner", "registry", "monitoring-grafana")) {
                assertThat(allowed(policies, pods.get(source), pods.get("postgres"), "postgres")).as(overlay + ": " + source + " -> postgres").isTrue();
            }
            for (String source : List.of("generator", "topology")) {
                assertThat(allowed(policies, pods.get(source), pods.get("registry"), "registry")).as(overlay + ": " + source + " -> registry").isTrue();
            }
            for (String source : List.of("stranger", "stranger-in-bench", "generator")) {
                assertThat(allowed(policies, pods.get(source), pods.get("api"), "http")).as(overlay + ": " + source + " -> the API").isTrue();
            }
            for (String scraper : List.of("monitoring-prometheus", "prometheus")) {
                for (String target : List.of("topology", "operator", "api")) {
                    assertThat(allowed(policies, pods.get(scraper), pods.get(target), "http")).as(overlay + ": " + scraper + " scrapes " + target).isTrue();
                }
                for (String target : List.of("generator", "lag-exporter")) {
                    assertThat(allowed(policies, pods.get(scraper), pods.get(target), "metrics")).as(overlay + ": " + scraper + " scrapes " + target).isTrue();
                }
            }
            assertThat(allowed(policies, pods.get("stranger-in-bench"), pods.get("prometheus"), "web")).as("Prometheus's UI").isTrue();
        }
    }

    @Test
    void flowsTheDataPathDoesNotNeedAreRefused() throws Exception {
        for (String overlay : K3sManifestsTest.OVERLAYS) {
            Map<String, Pod> pods = pods(overlay);
            List<JsonNode> policies = policies(overlay);
            for (String source : List.of("stranger", "stranger-in-bench", "lag-exporter", "monitoring-alertmanager", "monitoring-prometheus")) {
                assertThat(allowed(policies, pods.get(source), pods.get("postgres"), "postgres")).as(overlay + ": " + source + " -> postgres").isFalse();
            }
            for (String source : List.of("stranger", "runner", "api", "operator", "monitoring-grafana")) {
                assertThat(allowed(policies, pods.get(source), pods.get("registry"), "registry")).as(overlay + ": " + source + " -> registry").isFalse();
            }
            for (String source : List.of("stranger", "stranger-in-bench", "generator", "monitoring-grafana")) {
                assertThat(allowed(policies, pods.get(source), pods.get("topology"), "http")).as(overlay + ": " + source + " -> topology").isFalse();
                assertThat(allowed(policies, pods.get(source), pods.get("operator"), "http")).as(overlay + ": " + source + " -> operator").isFalse();
                assertThat(allowed(policies, pods.get(source), pods.get("lag-exporter"), "metrics")).as(overlay + ": " + source + " -> lag exporter").isFalse();
            }
        }
    }
}
