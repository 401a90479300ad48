package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.performance.observatory.core.lifecycle.GeneratorState;
import lab.performance.observatory.core.lifecycle.Readiness;
import lab.performance.observatory.core.lifecycle.RunPhase;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.TopicPlan;
import lab.performance.observatory.core.report.LagSample;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.lifecycle.RunExecutor;
import lab.performance.observatory.lifecycle.RunRefusedException;
import lab.performance.observatory.lifecycle.RunState;
import lab.performance.observatory.store.RunStore;

/**
 * One benchmark's run on Kubernetes, for the lifecycle, for one reconciliation: the plan's
 * KafkaTopics and the topology Deployment applied through {@link BenchmarkKubernetes}, readiness as
 * Strimzi, the Deployment and the consumer group report it, an Indexed generator Job per run, pod
 * metrics as resource samples. Built anew each reconciliation from what was observed at its start.
 */
final class KubernetesRunExecutor implements RunExecutor {

    /**
     * What one reconciliation knows: the benchmark, its plan and Kafka cluster, the replicas scaling
     * chose, the topics wanted and seen, and the generator Job of the run.
     */
    record Target(PipelineBenchmark resource, BenchmarkSpec spec, Plan plan, String kafkaCluster, int replicas,
                  List<KafkaTopic> topics, Map<String, KafkaTopic> existingTopics, String generatorJob) {
    }

    private final Target target;
    private final BenchmarkNames names;
    private final OperatorSettings settings;
    private final BenchmarkKubernetes kube;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(KubernetesRunExecutor.class);

    private final ConsumerLag lag;
    private final PodResourceSampler sampler;
    private final RunStore store;
    private Deployment topology;

    KubernetesRunExecutor(Target target, OperatorSettings settings, BenchmarkKubernetes kube, ConsumerLag lag, PodResourceSampler sampler,
                          RunStore store) {
        this.target = target;
        this.names = BenchmarkNames.of(target.resource());
        this.settings = settings;
        this.kube = kube;
        this.lag = lag;
        this.sampler = sampler;
        this.store = store;
    }

    private String namespace() {
        return target.resource().getMetadata().getNamespace();
    }

    private String jobName() {
        return target.generatorJob();
    }

    @Override
    public java.util.Optional<String> bootstrapServers() {
        return java.util.Optional.of(kafka());
    }

    private String kafka() {
        return BenchmarkResources.bootstrapServers(settings, target.kafkaCluster());
    }

    @Override
    public void provision(RunState run) {
        applyTopology(target.replicas());
    }

    /** Topics as planned and the topology with {@code replicas} (0 gives its cores back). */
    void applyTopology(int replicas) {
        kube.applyTopics(target.topics(), target.existingTopics());
        topology = kube.applyDeployment(BenchmarkResources.topology(target.resource(), target.spec(), target.plan(), replicas, settings,
                target.kafkaCluster()));
    }

    @Override
    public Readiness readiness(RunState run) {
        int ready = topology.getStatus() == null || topology.getStatus().getReadyReplicas() == null ? 0 : topology.getStatus().getReadyReplicas();
        int topicsReady = (int) target.topics().stream()
                .filter(t -> BenchmarkResources.topicReady(target.existingTopics().get(t.getMetadata().getName()))).count();
        boolean provisioned = ready >= target.replicas() && topicsReady == target.topics().size();
        boolean consuming = provisioned && lag.consumingAll(kafka(), names.applicationId(), inputTopics());
        return new Readiness(topicsReady, target.topics().size(), ready, target.replicas(), consuming);
    }

    private List<String> inputTopics() {
        return target.plan().inputTopics().stream().map(TopicPlan::name).toList();
    }

    @Override
    public Optional<StartedGenerators> alreadyGenerating() throws RunRefusedException {
        Optional<Job> job = kube.job(namespace(), jobName());
        if (job.isEmpty()) {
            return Optional.empty();
        }
        // this generation's run was started, and the status saying so was lost or not seen yet: carry on with it
        String runId = ours(job.get());
        String created = job.get().getMetadata().getCreationTimestamp();
        return Optional.of(new StartedGenerators(runId, job.get().getSpec().getCompletions(), created == null ? null : Instant.parse(created)));
    }

    /** The run a Job of this benchmark sends, or refused when the Job of that name is someone else's. */
    private String ours(Job job) throws RunRefusedException {
        String runId = job.getMetadata().getLabels() == null ? null : job.getMetadata().getLabels().get(BenchmarkNames.RUN_LABEL);
        if (!BenchmarkResources.ownedBy(job, target.resource()) || runId == null) {
            throw new RunRefusedException("JobConflict", "Job " + job.getMetadata().getName()
                    + " already exists and is not this benchmark's generator Job");
        }
        return runId;
    }

    @Override
    public void startGenerators(RunState run, int instances) throws RunRefusedException {
        Job job = BenchmarkResources.generatorJob(target.resource(), run.runId(), instances, settings, target.kafkaCluster());
        if (!kube.createJob(job)) {
            Job existing = kube.job(namespace(), jobName()).orElseThrow();
            if (!run.runId().equals(ours(existing))) {
                throw new RunRefusedException("JobConflict", "Job " + jobName() + " already sends run " + ours(existing));
            }
        }
    }

    @Override
    public GeneratorState generators(RunState run) {
        Optional<Job> job = kube.job(namespace(), jobName());
        if (job.isEmpty()) {
            return new GeneratorState.Missing("generator Job " + jobName() + " was deleted before the run ended");
        }
        JobStatus js = job.get().getStatus();
        int succeeded = js == null || js.getSucceeded() == null ? 0 : js.getSucceeded();
        int failed = js == null || js.getFailed() == null ? 0 : js.getFailed();
        int active = js == null || js.getActive() == null ? 0 : js.getActive();
        Optional<String> failure = js == null || js.getConditions() == null ? Optional.empty() : js.getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                .map(c -> c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage())).findFirst();
        if (failed > 0 || failure.isPresent()) {
            return new GeneratorState.Failed("generator Job " + jobName() + " failed (" + failure.orElse(failed + " pod(s) failed")
                    + "); its logs say why");
        }
        return succeeded >= run.generatorInstances() ? new GeneratorState.Finished(succeeded)
                : new GeneratorState.Sending(active, succeeded, run.generatorInstances());
    }

    @Override
    public void stopGenerators(RunState run) {
        kube.deleteJob(namespace(), jobName());
        sampler.forget(run.runId());
    }

    @Override
    public void sample(RunState run) {
        List<String> components = run.phase() == RunPhase.RUNNING ? List.of("topology", "generator") : List.of("topology");
        sampler.sample(store, namespace(), names, run.runId(), components);
        lag.exact(kafka(), names.applicationId()).ifPresent(g -> {
            try {
                store.resources().saveLagSamples(run.runId(), List.of(LagSample.of(g)));
            } catch (java.sql.SQLException e) {
                LOG.warnf("lag sample of run %s not stored: %s", run.runId(), e.getMessage());
            }
        });
    }

    @Override
    public void collect(RunFacts facts) {
        sampler.forget(facts.runId());
    }

    @Override
    public void release(RunState run) {
        applyTopology(0); // a finished run's topology has nothing left to read: it gives its cores back until the spec changes
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("executor", "kubernetes operator");
        env.put("namespace", namespace());
        env.put("kafka_cluster", target.kafkaCluster());
        env.put("kafka_brokers", Integer.toString(settings.brokers()));
        env.put("topology_image", settings.topologyImage());
        env.put("generator_image", settings.generatorImage());
        env.put("topology_replica_cpu", Double.toString(settings.topologyReplicaCpu()));
        env.put("capacity_source", target.plan().capacitySource());
        return env;
    }
}
