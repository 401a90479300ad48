package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Least privilege, proven: every request the operator's client sends to the mock API server while
 * the reconciler tests run becomes an RBAC attribute (API group, resource with subresource, verb)
 * as the API server would authorize it; each must be granted by the Role in
 * deploy/k3s/base/operator.yaml; and once every reconciler test class has run in the JVM, the
 * Role may grant nothing the calls did not need ({@link #classDone}). The distinct calls are listed in target/operator-api-calls.txt.
 */
final class OperatorCalls {

    static final String OPERATOR_AGENT = "observatory-operator-under-test";
    static final String TEST_AGENT = "observatory-tests";
    static final Path RECORD = Path.of("target/operator-api-calls.txt");
    static final Path ROLE = Path.of("../deploy/k3s/base/operator.yaml");

    /** One authorization attribute: group ("" is core), resource ("pipelinebenchmarks/status"), verb. */
    record Call(String group, String resource, String verb) implements Comparable<Call> {
        @Override
        public int compareTo(Call o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
        }

        static Call parse(String line) {
            String[] p = line.split(" ");
            return new Call(p[0].equals("core") ? "" : p[0], p[1], p[2]);
        }
    }

    /**
     * What this test JVM saw, one line per call or finished class, kept in a file rather than in
     * statics: each Quarkus test profile loads the test classes in a class loader of its own.
     */
    static final Path LOG = Path.of("target/operator-api-calls.log");
    /** Lines of this JVM (a file left by an earlier build is ignored). */
    static final String JVM = java.lang.management.ManagementFactory.getRuntimeMXBean().getPid() + "-"
            + java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();

    /**
     * Granted although the reconciler tests cannot exercise them, each for a code path only a real
     * API server takes: status is written with server-side apply (PATCH) in production, but with
     * update in tests because the mock server has no server-side apply; and a status update that
     * meets a conflict re-reads the latest benchmark (JOSDK's PrimaryUpdateAndCacheUtils), which the
     * tests never provoke.
     */
    static final java.util.Set<Call> NOT_EXERCISED = java.util.Set.of(new Call("performance.lab", "pipelinebenchmarks/status", "patch"),
            new Call("performance.lab", "pipelinebenchmarks", "get"));

    private static void log(String line) {
        try {
            Files.createDirectories(LOG.getParent());
            Files.writeString(LOG, JVM + " " + line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's logged lines, without the JVM token. */
    private static List<String> logged() {
        try {
            return Files.readAllLines(LOG, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(JVM + " "))
                    .map(l -> l.substring(JVM.length() + 1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operator call seen in this JVM so far. */
    static TreeSet<Call> seen() {
        TreeSet<Call> out = new TreeSet<>();
        logged().stream().filter(l -> l.startsWith("call ")).forEach(l -> out.add(Call.parse(l.substring(5))));
        return out;
    }

    private OperatorCalls() {
    }

    /**
     * The attribute of a request as the API server's request-info resolver derives it, or empty for
     * non-resource paths (/version, /api, /apis discovery), which every authenticated client may read.
     */
    static Optional<Call> of(String method, String pathAndQuery) {
        URI uri = URI.create(pathAndQuery);
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        List<String> parts = new ArrayList<>(List.of(uri.getPath().replaceAll("^/+|/+$", "").split("/")));
        String group;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            parts = parts.subList(2, parts.size());
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            parts = parts.subList(3, parts.size());
        } else {
            return Optional.empty();
        }
        if (parts.get(0).equals("namespaces") && parts.size() >= 3) {
            // namespaced: namespaces/NS/RESOURCE[/NAME[/SUBRESOURCE]]; else the namespace object itself
            parts = parts.subList(2, parts.size());
        }
        String resource = parts.get(0);
        boolean named = parts.size() >= 2;
        if (parts.size() >= 3) {
            resource += "/" + parts.get(2);
        }
        boolean watch = query.matches("(.*&)?watch=(true|1)(&.*)?");
        String verb = switch (method) {
            case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("unexpected method " + method + " " + pathAndQuery);
        };
        return Optional.of(new Call(group, resource, verb));
    }

    /** Whether one of the rules grants the call. */
    static boolean permits(List<PolicyRule> rules, Call call) {
        return rules.stream().anyMatch(r -> (r.getApiGroups().contains(call.group()) || r.getApiGroups().contains("*"))
                && (r.getResources().contains(call.resource()) || r.getResources().contains("*"))
                && (r.getVerbs().contains(call.verb()) || r.getVerbs().contains("*")));
    }

    /** Every attribute the rules grant, spelled out (no wildcards: the shipped Role has none). */
    static TreeSet<Call> granted(List<PolicyRule> rules) {
        TreeSet<Call> out = new TreeSet<>();
        for (PolicyRule r : rules) {
            for (String g : r.getApiGroups()) {
                for (String res : r.getResources()) {
                    for (String v : r.getVerbs()) {
                        out.add(new Call(g, res, v));
                    }
                }
            }
        }
        return out;
    }

    static List<PolicyRule> shippedRole() {
        try (InputStream in = Files.newInputStream(ROLE)) {
            List<HasMetadata> objects = new KubernetesSerialization().unmarshal(in);
            return objects.stream().filter(Role.class::isInstance).map(Role.class::cast).findFirst().orElseThrow().getRules();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test classes whose calls together exercise every permission the operator needs. */
    static final java.util.Set<String> RECONCILER_TESTS = java.util.Set.of("PipelineBenchmarkReconcilerIT", "BenchmarkRunEndToEndIT");

    /**
     * After a reconciler test class: when all of them have run in this JVM (whatever their order),
     * every attribute the Role grants must have been used by some call.
     */
    static void classDone(Class<?> testClass) {
        log("done " + testClass.getSimpleName());
        java.util.Set<String> done = new java.util.HashSet<>();
        logged().stream().filter(l -> l.startsWith("done ")).forEach(l -> done.add(l.substring(5)));
        if (!done.containsAll(RECONCILER_TESTS)) {
            return;
        }
        TreeSet<Call> seen = seen();
        TreeSet<Call> unused = granted(shippedRole());
        unused.removeAll(seen);
        unused.removeAll(NOT_EXERCISED);
        if (!unused.isEmpty()) {
            throw new AssertionError("the Role in " + ROLE + " grants what the operator never used: " + unused + " (calls seen: " + seen + ")");
        }
    }

    /** A client for the tests' own calls (creating benchmarks, playing Strimzi and the kubelet), told apart by its User-Agent. */
    static KubernetesClient testClient(KubernetesClient operators) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(operators.getConfiguration()).withUserAgent(TEST_AGENT).build()).build();
    }

    /**
     * The operator's calls the server received since the last drain (the tests' and the setup's
     * are dropped), appended to {@link #RECORD}; each must be granted by the shipped Role.
     */
    static List<Call> drainAndCheck(KubernetesServer server) throws InterruptedException {
        List<Call> calls = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<PolicyRule> role = shippedRole();
        RecordedRequest r;
        while ((r = server.getKubernetesMockServer().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            if (!OPERATOR_AGENT.equals(r.getHeader("User-Agent"))) {
                continue;
            }
            Optional<Call> call = of(r.getMethod(), r.getPath());
            if (call.isPresent()) {
                calls.add(call.get());
                if (!permits(role, call.get())) {
                    refused.add(call.get() + " (" + r.getMethod() + " " + r.getPath() + ")");
                }
            }
        }
        calls.forEach(c -> log("call " + c));
        try {
            StringBuilder lines = new StringBuilder();
            seen().forEach(c -> lines.append(c).append('\n'));
            Files.writeString(RECORD, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!refused.isEmpty()) {
            throw new AssertionError("the operator made calls the Role in " + ROLE + " does not grant: " + refused);
        }
        return calls;
    }
}
