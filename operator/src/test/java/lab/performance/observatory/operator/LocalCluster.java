package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.strimzi.api.kafka.model.common.ConditionBuilder;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicStatusBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lab.performance.observatory.process.ParentWatch;
import lab.performance.observatory.generator.GeneratorMain;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.stack.EmbeddedStack;
import lab.performance.observatory.process.FreePorts;
import lab.performance.observatory.process.ProcessStats;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What a k3s node with Strimzi would do with the operator's objects, done on this machine: the
 * mock API server runs no controllers and no pods, so this plays Strimzi's topic operator (each
 * KafkaTopic becomes a real topic on the embedded KRaft broker, then is marked Ready) and the
 * kubelet (each topology replica is the real topology jar and each generator Job pod the real
 * generator, started as processes with exactly the container's environment and arguments, secrets
 * resolved and {@code $(VAR)} expanded as Kubernetes does; their readiness and exit codes become the
 * Deployment's and Job's status) and metrics-server (each pod's CPU and memory, read from /proc of
 * its process). Nothing here writes results: the components and the operator do.
 */
final class LocalCluster implements AutoCloseable {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Duration TICK = Duration.ofMillis(200);

    private final KubernetesClient client;
    private final String namespace;
    private final EmbeddedStack stack;
    private final Path logs;
    private final Map<String, List<ChildProcess>> topologyPods = new ConcurrentHashMap<>();
    private final Map<String, List<ChildProcess>> generatorPods = new ConcurrentHashMap<>();
    private final Map<String, Integer> topologyPorts = new ConcurrentHashMap<>();
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();
    /** Pods of a Deployment get new names when they are replaced, as ReplicaSet pods do. */
    private final java.util.concurrent.atomic.AtomicInteger podSequence = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-cluster");
        t.setDaemon(true);
        return t;
    });
    private volatile Throwable failure;

    LocalCluster(KubernetesClient client, String namespace, EmbeddedStack stack, Path logs) {
        this.client = client;
        this.namespace = namespace;
        this.stack = stack;
        this.logs = logs;
        loop.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whatever went wrong in the stand-in controllers, so a test fails with it instead of timing out. */
    Throwable failure() {
        return failure;
    }

    /** One pass of every stand-in controller; the first error stops them all and is kept for the test. */
    private void tick() {
        try {
            reconcileTopics();
            reconcileTopologies();
            reconcileJobs();
            publishPodMetrics();
        } catch (Exception e) {
            failure = e;
            loop.shutdown();
        }
    }

    /** Strimzi's topic operator: the topic as specified on the broker, then status Ready. */
    private void reconcileTopics() throws Exception {
        for (KafkaTopic topic : client.resources(KafkaTopic.class).inNamespace(namespace).list().getItems()) {
            if (BenchmarkResources.topicReady(topic)) {
                continue;
            }
            Map<String, String> config = new HashMap<>();
            topic.getSpec().getConfig().forEach((k, v) -> config.put(k, String.valueOf(v)));
            try (Admin admin = stack.admin()) {
                admin.createTopics(List.of(new NewTopic(topic.getSpec().getTopicName(), topic.getSpec().getPartitions(),
                        topic.getSpec().getReplicas().shortValue()).configs(config))).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            topic.setStatus(new KafkaTopicStatusBuilder().withTopicName(topic.getSpec().getTopicName())
                    .withObservedGeneration(topic.getMetadata().getGeneration())
                    .withConditions(new ConditionBuilder().withType("Ready").withStatus("True")
                            .withLastTransitionTime(Instant.now().toString()).build()).build());
            ignoringConflicts(() -> client.resource(topic).updateStatus());
        }
    }

    /** The kubelet for topology Deployments: as many topology processes as replicas, ready when their health check says so. */
    private void reconcileTopologies() throws Exception {
        for (Deployment deployment : client.apps().deployments().inNamespace(namespace).list().getItems()) {
            String name = deployment.getMetadata().getName();
            List<ChildProcess> pods = topologyPods.computeIfAbsent(name, n -> new ArrayList<>());
            int wanted = deployment.getSpec().getReplicas();
            while (pods.size() < wanted) {
                pods.add(startTopology(name + "-" + pods.size(), deployment.getSpec().getTemplate().getSpec().getContainers().get(0)));
            }
            while (pods.size() > wanted) {
                ChildProcess pod = pods.remove(pods.size() - 1);
                pod.stop(Duration.ofSeconds(20));
                topologyPorts.remove(pod.name());
            }
            int ready = 0;
            for (ChildProcess pod : pods) {
                if (pod.isAlive() && healthy(topologyPorts.get(pod.name()))) {
                    ready++;
                }
            }
            Integer reported = deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
            if (reported == null || reported != ready) {
                deployment.setStatus(new DeploymentStatusBuilder().withReplicas(pods.size()).withReadyReplicas(ready).build());
                ignoringConflicts(() -> client.resource(deployment).updateStatus());
            }
        }
    }

    private ChildProcess startTopology(String podName, Container container) throws IOException {
        Path jar = Path.of("../topology/target/quarkus-app/quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the topology module is built before the operator's tests");
        }
        int port = FreePorts.pick();
        topologyPorts.put(podName, port);
        Map<String, String> env = environment(container, Map.of(), podName);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port)); // each pod has its own network; here they share one
        List<String> options = List.of("-Xmx256m", "-D" + ParentWatch.PROPERTY + "=" + ProcessHandle.current().pid(),
                "-Dkafka-streams.state.dir=" + logs.resolve(podName + "-state").toAbsolutePath());
        return ChildProcess.start(podName, ChildProcess.javaJarCommand(options, jar, expand(container.getArgs(), env)),
                logs.resolve(podName + ".log"), env);
    }

    private boolean healthy(Integer port) {
        if (port == null) {
            return false;
        }
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Pods on a node each have their own network namespace, so every generator pod listens on the
     * container's metrics port; processes on this machine share one, so each gets a free port instead.
     */
    static List<String> ownPorts(List<String> args) {
        List<String> out = new ArrayList<>(args);
        int i = out.indexOf("--metrics-port");
        if (i >= 0 && i + 1 < out.size()) {
            out.set(i + 1, Integer.toString(lab.performance.observatory.process.FreePorts.pick()));
        }
        return out;
    }

    /** The kubelet and Job controller for generator Jobs: one process per completion index; exit codes become the Job's status. */
    private void reconcileJobs() throws Exception {
        for (Job job : client.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
            String name = job.getMetadata().getName();
            if (job.getStatus() != null && job.getStatus().getConditions() != null && !job.getStatus().getConditions().isEmpty()) {
                continue; // finished
            }
            List<ChildProcess> pods = generatorPods.get(name);
            if (pods == null) {
                pods = new ArrayList<>();
                Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
                for (int index = 0; index < job.getSpec().getCompletions(); index++) {
                    Map<String, String> env = environment(container, Map.of("JOB_COMPLETION_INDEX", Integer.toString(index)), name + "-" + index);
                    List<String> options = List.of("-Xmx256m", "-D" + ParentWatch.PROPERTY + "=" + ProcessHandle.current().pid());
                    pods.add(ChildProcess.start(name + "-" + index, ChildProcess.javaCommand(options, System.getProperty("java.class.path"),
                            GeneratorMain.class.getName(), ownPorts(expand(container.getArgs(), env))), logs.resolve(name + "-" + index + ".log"), env));
                }
                generatorPods.put(name, pods);
                job.setStatus(new JobStatusBuilder().withActive(pods.size()).withStartTime(Instant.now().toString()).build());
                ignoringConflicts(() -> client.resource(job).updateStatus());
                continue;
            }
            if (pods.stream().anyMatch(ChildProcess::isAlive)) {
                continue;
            }
            int succeeded = 0;
            for (ChildProcess pod : pods) {
                succeeded += pod.waitFor(Duration.ZERO) == 0 ? 1 : 0;
            }
            int failed = pods.size() - succeeded;
            String type = failed == 0 ? "Complete" : "Failed";
            job.setStatus(new JobStatusBuilder().withActive(0).withSucceeded(succeeded).withFailed(failed)
                    .withCompletionTime(failed == 0 ? Instant.now().toString() : null)
                    .withConditions(new JobConditionBuilder().withType(type).withStatus("True")
                            .withReason(failed == 0 ? null : "BackoffLimitExceeded")
                            .withMessage(failed == 0 ? null : "Job has reached the specified backoff limit").build())
                    .build());
            ignoringConflicts(() -> client.resource(job).updateStatus());
        }
    }

    /**
     * metrics-server: every second, each live pod's CPU (cores over the last second, from /proc of its
     * process tree) and resident memory, as the metrics API serves them, labelled like the pod.
     */
    private void publishPodMetrics() throws java.text.ParseException {
        Instant now = Instant.now();
        List<Pod> pods = new ArrayList<>();
        client.apps().deployments().inNamespace(namespace).list().getItems().forEach(d -> topologyPods.getOrDefault(d.getMetadata().getName(),
                List.of()).forEach(p -> pods.add(new Pod(p, d.getSpec().getTemplate().getMetadata().getLabels()))));
        client.batch().v1().jobs().inNamespace(namespace).list().getItems().forEach(j -> generatorPods.getOrDefault(j.getMetadata().getName(),
                List.of()).forEach(p -> pods.add(new Pod(p, j.getSpec().getTemplate().getMetadata().getLabels()))));
        for (Pod pod : pods) {
            if (!pod.process().isAlive()) {
                continue;
            }
            Optional<ProcessStats> stats = ProcessStats.ofTree(pod.process().handle());
            Usage before = usage.get(pod.process().name());
            if (stats.isEmpty() || (before != null && Duration.between(before.at(), now).toMillis() < 1000)) {
                continue;
            }
            usage.put(pod.process().name(), new Usage(now, stats.get().cpuSeconds()));
            if (before == null) {
                continue;
            }
            double cores = (stats.get().cpuSeconds() - before.cpuSeconds()) / (Duration.between(before.at(), now).toMillis() / 1000.0);
            PodMetrics metrics = new PodMetricsBuilder()
                    .withNewMetadata().withName(pod.process().name()).withNamespace(namespace).withLabels(pod.labels()).endMetadata()
                    .withTimestamp(now.toString()).withWindow(io.fabric8.kubernetes.api.model.Duration.parse("1s"))
                    .addNewContainer().withName("main")
                    .addToUsage("cpu", new Quantity(String.format(java.util.Locale.ROOT, "%dm", Math.round(cores * 1000))))
                    .addToUsage("memory", new Quantity(Long.toString(stats.get().rssBytes())))
                    .endContainer().build();
            client.resource(metrics).createOr(NonDeletingOperation::update);
        }
    }

    private record Pod(ChildProcess process, Map<String, String> labels) {
    }

    private record Usage(Instant at, double cpuSeconds) {
    }

    /** A status write that lost a race with the operator's own write is simply made again on the next tick. */
    private static void ignoringConflicts(Runnable write) {
        try {
            write.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    /** The container's environment as a pod sees it: literal values and secret keys resolved, plus what the controller adds. */
    private Map<String, String> environment(Container container, Map<String, String> added, String podName) {
        Map<String, String> env = new HashMap<>(added);
        for (EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            } else if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
                if (!"metadata.name".equals(var.getValueFrom().getFieldRef().getFieldPath())) {
                    throw new IllegalStateException("the local cluster resolves only metadata.name, not " + var.getValueFrom().getFieldRef());
                }
                env.put(var.getName(), podName);
            } else if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                Secret secret = client.secrets().inNamespace(namespace).withName(var.getValueFrom().getSecretKeyRef().getName()).get();
                if (secret == null) {
                    throw new IllegalStateException("secret " + var.getValueFrom().getSecretKeyRef().getName() + " is missing");
                }
                String key = var.getValueFrom().getSecretKeyRef().getKey();
                // the API server turns stringData into data on write; the mock server keeps what it was given
                String value = secret.getData() != null && secret.getData().containsKey(key)
                        ? new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8)
                        : secret.getStringData().get(key);
                env.put(var.getName(), value);
            }
        }
        return env;
    }

    /** {@code $(VAR)} in arguments, replaced from the container's environment as Kubernetes does. */
    static List<String> expand(List<String> args, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (String arg : args == null ? List.<String>of() : args) {
            Matcher m = VARIABLE.matcher(arg);
            StringBuilder expanded = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(expanded, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group())));
            }
            m.appendTail(expanded);
            out.add(expanded.toString());
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        loop.shutdownNow();
        loop.awaitTermination(5, TimeUnit.SECONDS);
        topologyPods.values().forEach(pods -> pods.forEach(p -> p.stop(Duration.ofSeconds(20))));
        generatorPods.values().forEach(pods -> pods.forEach(p -> p.stop(Duration.ofSeconds(10))));
    }
}
