package lab.performance.observatory.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.ResourceSample;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.Framing;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.RunComparator;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.store.RunStore;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lab.performance.observatory.core.plan.LagScaling;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.plan.TopicPlan;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.InvalidSpecException;
import lab.performance.observatory.core.spec.SpecParser;

/**
 * Reconciles a {@code PipelineBenchmark}: validate the spec with the shared validator (a rejected
 * spec gets phase Invalid, a condition naming the field, and nothing is created), plan it with the
 * shared planner, refuse topics another benchmark owns, create or update the owned KafkaTopics and
 * the topology Deployment, then run it: Provisioning until topics and topology are ready, Running
 * while the generator Job sends, Analyzing while the topology drains and the report is built,
 * Completed with the results in status. Idempotent: the same spec yields the same objects; a new
 * spec supersedes the run of the old one and starts its own.
 */
@ApplicationScoped
@ControllerConfiguration(name = PipelineBenchmarkReconciler.NAME)
public class PipelineBenchmarkReconciler implements Reconciler<PipelineBenchmark> {

    static final String NAME = "pipelinebenchmark";
    static final String VALID = "Valid";
    static final String READY = "Ready";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final int SCALING_EVENTS_KEPT = 10;
    private static final Logger LOG = Logger.getLogger(PipelineBenchmarkReconciler.class);

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final ConsumerLag lag;
    private final RunLedger ledger;
    private final Capacities capacities;
    private final Clock clock;
    private final PodUsage podUsage;
    private final BenchmarkEvents events;
    /** The phase last announced per benchmark (by uid), so each phase is announced once. */
    private final Map<String, PipelineBenchmarkStatus.Phase> announcedPhases = new java.util.concurrent.ConcurrentHashMap<>();
    private final RandomGenerator random = new SplittableRandom();
    /** The last resource sample per run and component, so each recheck does not read them all back. */
    private final Map<String, ResourceSample> lastSamples = new java.util.concurrent.ConcurrentHashMap<>();

    public PipelineBenchmarkReconciler(KubernetesClient client, OperatorSettings settings, ConsumerLag lag, RunLedger ledger,
                                       Capacities capacities, Clock clock, PodUsage podUsage, BenchmarkEvents events) {
        this.client = client;
        this.settings = settings;
        this.lag = lag;
        this.ledger = ledger;
        this.capacities = capacities;
        this.clock = clock;
        this.podUsage = podUsage;
        this.events = events;
    }

    /**
     * Owned topics and Deployments are watched, so a Deployment becoming ready or a topic deleted by
     * hand brings the benchmark back for reconciliation at once instead of at the next recheck.
     */
    @Override
    public List<EventSource<?, PipelineBenchmark>> prepareEventSources(EventSourceContext<PipelineBenchmark> context) {
        return List.of(owned(KafkaTopic.class, "kafka-topics", context), owned(Deployment.class, "deployments", context),
                owned(Job.class, "jobs", context));
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> EventSource<?, PipelineBenchmark> owned(
            Class<R> type, String name, EventSourceContext<PipelineBenchmark> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, PipelineBenchmark.class)
                .withName(name)
                .withLabelSelector(BenchmarkNames.BENCHMARK_LABEL)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(PipelineBenchmark.class))
                .build(), context);
    }

    @Override
    public UpdateControl<PipelineBenchmark> reconcile(PipelineBenchmark resource, Context<PipelineBenchmark> context) {
        PipelineBenchmarkStatus status = resource.getStatus() == null ? new PipelineBenchmarkStatus() : resource.getStatus();
        resource.setStatus(status);
        boolean newGeneration = !Objects.equals(status.observedGeneration, resource.getMetadata().getGeneration());
        status.observedGeneration = resource.getMetadata().getGeneration();
        if (newGeneration) {
            supersedeRun(resource, status);
        }
        BenchmarkSpec spec;
        try {
            spec = parse(resource);
        } catch (InvalidSpecException e) {
            status.phase = PipelineBenchmarkStatus.Phase.Invalid;
            status.plan = null;
            condition(status, VALID, "False", "InvalidSpec", e.getMessage());
            condition(status, READY, "False", "InvalidSpec", "nothing was created: fix the spec");
            return writeStatus(resource, context);
        }
        condition(status, VALID, "True", "SpecAccepted", "the spec passed validation");

        List<String> needRegistry = spec.dataSources().stream().filter(d -> d.framing() == Framing.REGISTRY).map(DataSourceSpec::name).toList();
        if (!needRegistry.isEmpty() && settings.schemaRegistryUrl().isEmpty()) {
            status.phase = PipelineBenchmarkStatus.Phase.Failed;
            condition(status, READY, "False", "NoSchemaRegistry", "nothing was created: source(s) " + String.join(", ", needRegistry)
                    + " are framed for a schema registry and the operator has none (observatory.operator.schema-registry-url)");
            return writeStatus(resource, context);
        }
        String cluster = kafkaCluster(resource);
        Plan plan = Planner.plan(spec, BenchmarkNames.of(resource).topicPrefix(), settings.brokers(), capacities.forSpec(spec));
        status.plan = PlanStatuses.of(plan, spec);
        List<KafkaTopic> topics = BenchmarkResources.topics(resource, plan, cluster);
        Map<String, KafkaTopic> existingTopics = existing(resource, topics);
        List<String> conflicts = conflicts(resource, existingTopics);
        if (!conflicts.isEmpty()) {
            status.phase = PipelineBenchmarkStatus.Phase.Failed;
            condition(status, READY, "False", "TopicConflict", String.join("; ", conflicts));
            return writeStatus(resource, context);
        }
        for (KafkaTopic topic : topics) {
            KafkaTopic existing = existingTopics.get(topic.getMetadata().getName());
            if (existing == null || !BenchmarkResources.sameTopic(existing, topic)) {
                client.resource(topic).createOr(NonDeletingOperation::update);
            }
        }
        boolean runOver = status.run != null
                && (status.phase == PipelineBenchmarkStatus.Phase.Completed || status.phase == PipelineBenchmarkStatus.Phase.Failed);
        // a finished run's topology has nothing left to read: it gives its cores back until the spec changes
        int replicas = runOver ? 0 : scale(resource, status, plan, newGeneration);
        Deployment applied = applyTopology(resource, spec, plan, replicas, cluster);
        if (runOver) {
            return writeStatus(resource, context);
        }
        if (status.run == null) {
            startWhenProvisioned(resource, status, spec, plan, cluster, topics, existingTopics, applied, replicas);
        } else if (status.phase == PipelineBenchmarkStatus.Phase.Running) {
            sampleResources(resource, status.run, "topology", "generator");
            followGenerators(resource, status);
        } else if (status.phase == PipelineBenchmarkStatus.Phase.Analyzing) {
            sampleResources(resource, status.run, "topology");
        }
        if (status.phase == PipelineBenchmarkStatus.Phase.Analyzing) {
            analyse(status, spec);
        }
        boolean over = status.phase == PipelineBenchmarkStatus.Phase.Completed || status.phase == PipelineBenchmarkStatus.Phase.Failed;
        if (over) {
            applyTopology(resource, spec, plan, 0, cluster);
            return writeStatus(resource, context);
        }
        return writeStatus(resource, context).rescheduleAfter(settings.recheckInterval());
    }

    /**
     * Writes the status and keeps the written version for the next reconciliation, which would
     * otherwise read the informer's possibly older copy: the run in status is what says a generator
     * Job was already started, so a stale copy would start it twice.
     */
    private UpdateControl<PipelineBenchmark> writeStatus(PipelineBenchmark resource, Context<PipelineBenchmark> context) {
        PipelineBenchmarkStatus status = resource.getStatus();
        announcePhase(resource, status);
        try {
            patchAndCache(resource, context, status);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            // deleted while being reconciled: nothing left to report on
        }
        return UpdateControl.noUpdate();
    }

    /** An Event when the benchmark enters a phase, saying why (the Ready condition, or Valid when the spec was refused). */
    private void announcePhase(PipelineBenchmark resource, PipelineBenchmarkStatus status) {
        String key = resource.getMetadata().getUid();
        PipelineBenchmarkStatus.Phase before = announcedPhases.put(key, status.phase);
        if (status.phase == null || status.phase == before) {
            return;
        }
        Condition why = status.conditions.stream()
                .filter(c -> (status.phase == PipelineBenchmarkStatus.Phase.Invalid ? VALID : READY).equals(c.getType()))
                .findFirst().orElse(null);
        String message = status.phase + (why == null ? "" : ": " + why.getMessage());
        boolean bad = status.phase == PipelineBenchmarkStatus.Phase.Failed || status.phase == PipelineBenchmarkStatus.Phase.Invalid;
        String reason = why == null ? status.phase.name() : why.getReason();
        if (bad) {
            events.warning(resource, reason, message);
        } else {
            events.normal(resource, reason, message);
        }
    }

    private void patchAndCache(PipelineBenchmark resource, Context<PipelineBenchmark> context, PipelineBenchmarkStatus status) {
        if (settings.serverSideApply()) {
            PipelineBenchmark fresh = new PipelineBenchmark();
            fresh.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
                    .withNamespace(resource.getMetadata().getNamespace()).build());
            fresh.setStatus(status);
            PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(resource, fresh, context);
        } else {
            PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(resource, context, latest -> {
                latest.setStatus(status);
                return latest;
            });
        }
    }

    private Deployment applyTopology(PipelineBenchmark resource, BenchmarkSpec spec, Plan plan, int replicas, String cluster) {
        Deployment desired = BenchmarkResources.topology(resource, spec, plan, replicas, settings, cluster);
        Deployment existing = client.apps().deployments().inNamespace(resource.getMetadata().getNamespace())
                .withName(desired.getMetadata().getName()).get();
        // writing only what changed keeps reconciliation idempotent and quiet: no update, no watch event
        return existing != null && BenchmarkResources.sameDeployment(existing, desired) ? existing
                : client.resource(desired).createOr(NonDeletingOperation::update);
    }

    /**
     * Provisioning ends when Strimzi has every topic Ready, the topology's replicas are ready, and its
     * consumer group holds every input partition; then the run starts.
     */
    private void startWhenProvisioned(PipelineBenchmark resource, PipelineBenchmarkStatus status, BenchmarkSpec spec, Plan plan,
                                      String cluster, List<KafkaTopic> topics, Map<String, KafkaTopic> existingTopics,
                                      Deployment topology, int replicas) {
        int ready = topology.getStatus() == null || topology.getStatus().getReadyReplicas() == null ? 0 : topology.getStatus().getReadyReplicas();
        long readyTopics = topics.stream().filter(t -> topicReady(existingTopics.get(t.getMetadata().getName()))).count();
        String group = BenchmarkNames.of(resource).applicationId();
        if (ready < replicas || readyTopics < topics.size()) {
            status.phase = PipelineBenchmarkStatus.Phase.Provisioning;
            condition(status, READY, "False", "Provisioning", readyTopics + " of " + topics.size() + " KafkaTopic(s) ready; "
                    + ready + " of " + replicas + " topology replicas ready");
        } else if (!lag.consumingAll(BenchmarkResources.bootstrapServers(settings, cluster), group, inputTopics(plan))) {
            status.phase = PipelineBenchmarkStatus.Phase.Provisioning;
            condition(status, READY, "False", "WaitingForConsumers", "topics and " + ready + " topology replica(s) ready; waiting for "
                    + "consumer group " + group + " to be stable with every input partition assigned");
        } else {
            startRun(resource, status, spec, plan, cluster);
        }
    }

    /** Strimzi's topic operator marks a topic Ready once it exists in Kafka as specified. */
    static boolean topicReady(KafkaTopic topic) {
        return topic != null && topic.getStatus() != null && topic.getStatus().getConditions() != null
                && topic.getStatus().getConditions().stream().anyMatch(c -> READY.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * Topics exist and the topology is reading: record the run in PostgreSQL (its spec is what the
     * generators read) and start the generator Job.
     */
    private void startRun(PipelineBenchmark resource, PipelineBenchmarkStatus status, BenchmarkSpec spec, Plan plan, String cluster) {
        Optional<RunStore> store = ledger.store();
        if (store.isEmpty()) {
            status.phase = PipelineBenchmarkStatus.Phase.Provisioning;
            condition(status, READY, "False", "NoDatabase",
                    "provisioned, but the operator has no PostgreSQL to record runs in (observatory.operator.jdbc-url is not set)");
            return;
        }
        String namespace = resource.getMetadata().getNamespace();
        long generation = resource.getMetadata().getGeneration();
        String jobName = BenchmarkNames.of(resource).generatorJob(generation);
        Job existing = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
        if (existing != null) {
            // this generation's run was started, and the status saying so was lost or not seen yet: carry on with it
            adoptRun(resource, status, existing, spec);
            return;
        }
        int instances = (int) plan.generatorParallelism().value();
        Instant now = clock.instant();
        String runId = RunNaming.newRunId(resource.getMetadata().getName(), now, random);
        try {
            store.get().createRun(runId, spec, environment(resource, plan, cluster));
        } catch (SQLException e) {
            status.phase = PipelineBenchmarkStatus.Phase.Provisioning;
            condition(status, READY, "False", "DatabaseUnavailable", "cannot record the run in PostgreSQL: " + e.getMessage());
            return;
        }
        try {
            client.resource(BenchmarkResources.generatorJob(resource, runId, instances, settings, cluster)).create();
        } catch (KubernetesClientException e) {
            abandonQuietly(runId, "aborted");
            if (e.getCode() == 409) {
                return; // created meanwhile: the next reconciliation adopts it
            }
            throw e;
        }
        PipelineBenchmarkStatus.Run run = new PipelineBenchmarkStatus.Run();
        run.id = runId;
        run.generation = generation;
        run.generatorJob = jobName;
        run.generatorInstances = instances;
        run.startedAt = now.truncatedTo(ChronoUnit.SECONDS).toString();
        status.run = run;
        status.results = null;
        status.phase = PipelineBenchmarkStatus.Phase.Running;
        condition(status, READY, "True", "Running", "run " + runId + ": " + instances + " generator(s) sending for "
                + spec.duration().toSeconds() + " s");
    }

    private void adoptRun(PipelineBenchmark resource, PipelineBenchmarkStatus status, Job job, BenchmarkSpec spec) {
        String runId = job.getMetadata().getLabels() == null ? null : job.getMetadata().getLabels().get(BenchmarkNames.RUN_LABEL);
        if (!BenchmarkResources.ownedBy(job, resource) || runId == null) {
            status.phase = PipelineBenchmarkStatus.Phase.Failed;
            condition(status, READY, "False", "JobConflict", "Job " + job.getMetadata().getName()
                    + " already exists and is not this benchmark's generator Job");
            return;
        }
        PipelineBenchmarkStatus.Run run = new PipelineBenchmarkStatus.Run();
        run.id = runId;
        run.generation = resource.getMetadata().getGeneration();
        run.generatorJob = job.getMetadata().getName();
        run.generatorInstances = job.getSpec().getCompletions();
        run.startedAt = job.getMetadata().getCreationTimestamp();
        status.run = run;
        status.results = null;
        status.phase = PipelineBenchmarkStatus.Phase.Running;
        condition(status, READY, "True", "Running", "run " + runId + ": " + run.generatorInstances + " generator(s) sending for "
                + spec.duration().toSeconds() + " s");
    }

    /** Marks a run that will never be measured; if PostgreSQL refuses, it stays marked running, which nothing else depends on. */
    private void abandonQuietly(String runId, String why) {
        forgetSamples(runId);
        ledger.store().ifPresent(store -> {
            try {
                store.abandon(runId, why, clock.instant());
            } catch (SQLException e) {
                LOG.warnf("run %s could not be marked %s in PostgreSQL: %s", runId, why, e.getMessage());
            }
        });
    }

    /** The environment a run is compared on: where and how it ran. */
    private Map<String, String> environment(PipelineBenchmark resource, Plan plan, String cluster) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("executor", "kubernetes operator");
        env.put("namespace", resource.getMetadata().getNamespace());
        env.put("kafka_cluster", cluster);
        env.put("kafka_brokers", Integer.toString(settings.brokers()));
        env.put("topology_image", settings.topologyImage());
        env.put("generator_image", settings.generatorImage());
        env.put("topology_replica_cpu", Double.toString(settings.topologyReplicaCpu()));
        env.put("capacity_source", plan.capacitySource());
        return env;
    }

    /**
     * Each recheck of a running benchmark records what its pods use, as the CLI records its processes,
     * so the report has CPU and memory (and the targets on them can be checked). Continues from the
     * run's last stored sample, so an operator restart does not reset the CPU count.
     */
    private void sampleResources(PipelineBenchmark resource, PipelineBenchmarkStatus.Run run, String... components) {
        RunStore store = ledger.store().orElseThrow();
        Instant now = clock.instant();
        BenchmarkNames names = BenchmarkNames.of(resource);
        try {
            List<ResourceSample> samples = new ArrayList<>();
            for (String component : components) {
                Optional<PodUsage.Usage> usage = podUsage.of(resource.getMetadata().getNamespace(), names.labels(component));
                if (usage.isPresent()) {
                    String key = run.id + "/" + component;
                    ResourceSample previous = lastSamples.containsKey(key) ? lastSamples.get(key) : lastStored(store, run.id, component);
                    if (previous == null || now.isAfter(previous.at())) {
                        ResourceSample sample = ResourceSample.fromUsage(previous, component, now, usage.get().cores(),
                                usage.get().maxPodMemoryBytes());
                        lastSamples.put(key, sample);
                        samples.add(sample);
                    }
                }
            }
            store.saveResourceSamples(run.id, samples);
        } catch (SQLException e) {
            LOG.warnf("resource samples of run %s not stored: %s", run.id, e.getMessage());
        }
    }

    private static ResourceSample lastStored(RunStore store, String runId, String component) throws SQLException {
        return store.resourceSamples(runId).stream().filter(s -> s.component().equals(component))
                .max(java.util.Comparator.comparing(ResourceSample::at)).orElse(null);
    }

    private void forgetSamples(String runId) {
        lastSamples.keySet().removeIf(k -> k.startsWith(runId + "/"));
    }

    /** Running: the run moves on when every generator pod has finished, or fails with the first that failed. */
    private void followGenerators(PipelineBenchmark resource, PipelineBenchmarkStatus status) {
        PipelineBenchmarkStatus.Run run = status.run;
        Job job = client.batch().v1().jobs().inNamespace(resource.getMetadata().getNamespace()).withName(run.generatorJob).get();
        if (job == null) {
            failRun(status, "GeneratorJobMissing", "generator Job " + run.generatorJob + " was deleted before the run ended");
            return;
        }
        JobStatus js = job.getStatus();
        int succeeded = js == null || js.getSucceeded() == null ? 0 : js.getSucceeded();
        int failed = js == null || js.getFailed() == null ? 0 : js.getFailed();
        Optional<String> failure = js == null || js.getConditions() == null ? Optional.empty() : js.getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
                .map(c -> c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage())).findFirst();
        if (failed > 0 || failure.isPresent()) {
            failRun(status, "GeneratorFailed", "generator Job " + run.generatorJob + " failed ("
                    + failure.orElse(failed + " pod(s) failed") + "); its logs say why");
        } else if (succeeded >= run.generatorInstances) {
            run.generationEndedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
            status.phase = PipelineBenchmarkStatus.Phase.Analyzing;
            condition(status, READY, "True", "Draining", "generation over; waiting for the topology to process what is left");
        } else {
            int active = js == null || js.getActive() == null ? 0 : js.getActive();
            condition(status, READY, "True", "Running", "run " + run.id + ": " + active + " generator(s) sending, "
                    + succeeded + " of " + run.generatorInstances + " done");
        }
    }

    private void failRun(PipelineBenchmarkStatus status, String reason, String message) {
        status.phase = PipelineBenchmarkStatus.Phase.Failed;
        status.run.endedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        condition(status, READY, "False", reason, message);
        abandonQuietly(status.run.id, "failed");
    }

    /**
     * A new spec replaces the run of the old one: its generators stop and the run is marked superseded,
     * so its numbers are never mistaken for the new spec's.
     */
    private void supersedeRun(PipelineBenchmark resource, PipelineBenchmarkStatus status) {
        PipelineBenchmarkStatus.Run run = status.run;
        if (run == null) {
            return;
        }
        if (status.phase == PipelineBenchmarkStatus.Phase.Running || status.phase == PipelineBenchmarkStatus.Phase.Analyzing) {
            client.batch().v1().jobs().inNamespace(resource.getMetadata().getNamespace()).withName(run.generatorJob)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            abandonQuietly(run.id, "superseded");
        }
        status.run = null;
        status.results = null;
    }

    /**
     * Analyzing: once the topology has processed everything the generators had acknowledged (or the
     * drain timeout has passed), the run is closed, its report built and stored, judged against the
     * spec's baseline, and summarised in status.
     */
    private void analyse(PipelineBenchmarkStatus status, BenchmarkSpec spec) {
        PipelineBenchmarkStatus.Run run = status.run;
        RunStore store = ledger.store().orElseThrow();
        Instant now = clock.instant();
        try {
            long acked = store.sourceTotals(run.id).stream().mapToLong(SourceTotals::acked).sum();
            long[] processed = store.processedSoFar(run.id);
            long behind = Math.max(0, acked - processed[0] - processed[1]);
            double seconds = Duration.between(Instant.parse(run.generationEndedAt), now).toMillis() / 1000.0;
            if (behind > 0 && seconds < settings.drainTimeout().toSeconds()) {
                condition(status, READY, "True", "Draining", String.format(Locale.ROOT,
                        "generation over; %,d of %,d events still to process (%.0f s of %d s drain timeout)", behind, acked, seconds,
                        settings.drainTimeout().toSeconds()));
                return;
            }
            store.finish(run.id, "completed", now, new RunFacts.Drain(behind == 0, seconds, behind));
            forgetSamples(run.id);
            RunReport report = store.rebuildReport(run.id).orElseThrow(() -> new IllegalStateException("run " + run.id + " has no facts"));
            store.saveReport(run.id, ReportJson.write(report), null);
            Optional<RunStore.Baseline> baseline = spec.comparisonBaseline().isPresent()
                    ? store.resolveBaseline(spec.comparisonBaseline().get()).filter(b -> !b.runId().equals(run.id)) : Optional.empty();
            Optional<Comparison> comparison = baseline.map(b -> RunComparator.compare(report, b.report(), b.name(), Thresholds.DEFAULT));
            status.results = RunResults.of(report, baseline, comparison);
            run.endedAt = now.truncatedTo(ChronoUnit.SECONDS).toString();
            status.phase = PipelineBenchmarkStatus.Phase.Completed;
            condition(status, READY, "True", "RunCompleted", RunResults.summary(status.results));
        } catch (SQLException e) {
            condition(status, READY, "True", "DatabaseUnavailable", "cannot read the run's measurements yet: " + e.getMessage());
        }
    }

    /**
     * The topology's replicas: the plan's on a new spec, else what scaling last chose, moved by the
     * lag-driven policy within the plan's bounds (decision and reason kept in status).
     */
    private int scale(PipelineBenchmark resource, PipelineBenchmarkStatus status, Plan plan, boolean newGeneration) {
        if (newGeneration || status.scaling == null || status.scaling.replicas == null) {
            status.scaling = new PipelineBenchmarkStatus.Scaling();
            status.scaling.replicas = (int) plan.consumerReplicas().value();
        }
        PipelineBenchmarkStatus.Scaling scaling = status.scaling;
        BenchmarkNames names = BenchmarkNames.of(resource);
        String bootstrap = BenchmarkResources.bootstrapServers(settings, kafkaCluster(resource));
        lag.observe(bootstrap, names.applicationId(), inputTopics(plan)).ifPresent(observation -> {
            scaling.lagRecords = observation.lagRecords();
            scaling.lagSeconds = Double.isInfinite(observation.lagSeconds()) ? null : observation.lagSeconds();
            scaling.consumedPerSecond = observation.consumedPerSecond();
            Instant last = scaling.lastChange == null ? null : Instant.parse(scaling.lastChange);
            LagScaling.Decision decision = LagScaling.decide(scaling.replicas, plan, observation, last,
                    new LagScaling.Policy(settings.scaleUpLagSeconds(), settings.scaleDownLagSeconds(), settings.scalingCooldown()));
            scaling.lastDecision = decision.reason();
            if (decision.changed()) {
                PipelineBenchmarkStatus.ScalingEvent event = new PipelineBenchmarkStatus.ScalingEvent();
                event.at = observation.at().truncatedTo(ChronoUnit.MILLIS).toString();
                event.from = scaling.replicas;
                event.to = decision.replicas();
                event.reason = decision.reason();
                scaling.events.add(event);
                while (scaling.events.size() > SCALING_EVENTS_KEPT) {
                    scaling.events.remove(0);
                }
                scaling.replicas = decision.replicas();
                scaling.lastChange = event.at;
                events.normal(resource, "Scaled", "topology " + event.from + " → " + event.to + " replicas: " + event.reason);
            }
        });
        return scaling.replicas;
    }

    private static List<String> inputTopics(Plan plan) {
        return plan.inputTopics().stream().map(TopicPlan::name).toList();
    }

    /** The resource as the spec document the shared validator reads. */
    static BenchmarkSpec parse(PipelineBenchmark resource) throws InvalidSpecException {
        ObjectNode document = JSON.createObjectNode();
        document.put("apiVersion", resource.getApiVersion());
        document.put("kind", resource.getKind());
        document.putObject("metadata").put("name", resource.getMetadata().getName());
        document.set("spec", resource.getSpec() == null ? JSON.createObjectNode() : JSON.valueToTree(resource.getSpec()));
        return SpecParser.parse(document);
    }

    private String kafkaCluster(PipelineBenchmark resource) {
        String annotated = resource.getMetadata().getAnnotations() == null ? null
                : resource.getMetadata().getAnnotations().get(BenchmarkNames.KAFKA_CLUSTER_ANNOTATION);
        return annotated == null || annotated.isBlank() ? settings.kafkaCluster() : annotated;
    }

    /** The topics of this plan that already exist, by name: read once per reconcile. */
    private Map<String, KafkaTopic> existing(PipelineBenchmark resource, List<KafkaTopic> topics) {
        Map<String, KafkaTopic> out = new LinkedHashMap<>();
        for (KafkaTopic topic : topics) {
            KafkaTopic found = client.resources(KafkaTopic.class).inNamespace(resource.getMetadata().getNamespace())
                    .withName(topic.getMetadata().getName()).get();
            if (found != null) {
                out.put(topic.getMetadata().getName(), found);
            }
        }
        return out;
    }

    /** Topics of this plan that exist and are controlled by something else: reported, never overwritten. */
    private static List<String> conflicts(PipelineBenchmark resource, Map<String, KafkaTopic> existing) {
        List<String> out = new ArrayList<>();
        existing.forEach((name, topic) -> {
            if (!BenchmarkResources.ownedBy(topic, resource)) {
                String owner = topic.getMetadata().getOwnerReferences().stream().filter(r -> Boolean.TRUE.equals(r.getController()))
                        .map(r -> r.getKind() + " " + r.getName()).findFirst().orElse("no benchmark (created outside the operator)");
                out.add("KafkaTopic " + name + " already exists, owned by " + owner);
            }
        });
        return out;
    }

    /** Sets a standard condition, moving lastTransitionTime only when its status changes. */
    static void condition(PipelineBenchmarkStatus status, String type, String value, String reason, String message) {
        Condition existing = status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String since = existing != null && Objects.equals(existing.getStatus(), value) ? existing.getLastTransitionTime() : now;
        status.conditions.removeIf(c -> type.equals(c.getType()));
        status.conditions.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withLastTransitionTime(since).withObservedGeneration(status.observedGeneration).build());
    }

    /** The plan as it goes into status: numbers for kubectl, reasons for humans. */
    static final class PlanStatuses {
        private PlanStatuses() {
        }

        static PipelineBenchmarkStatus.PlanStatus of(Plan plan, BenchmarkSpec spec) {
            PipelineBenchmarkStatus.PlanStatus s = new PipelineBenchmarkStatus.PlanStatus();
            s.targetEventsPerSecond = spec.totalBaseRate();
            s.peakEventsPerSecond = plan.peakEventsPerSecond();
            s.capacitySource = plan.capacitySource();
            for (TopicPlan t : plan.topics()) {
                PipelineBenchmarkStatus.TopicStatus topic = new PipelineBenchmarkStatus.TopicStatus();
                topic.name = t.name();
                topic.resource = "KafkaTopic/" + t.name();
                topic.partitions = (int) t.partitions().value();
                topic.replicas = (int) t.replicationFactor().value();
                s.topics.add(topic);
                s.reasons.add(t.name() + " partitions " + t.partitions().value() + ": " + t.partitions().reason());
            }
            s.topologyReplicas = (int) plan.consumerReplicas().value();
            s.minTopologyReplicas = (int) plan.minConsumerReplicas().value();
            s.maxTopologyReplicas = (int) plan.maxConsumerReplicas().value();
            s.generatorParallelism = (int) plan.generatorParallelism().value();
            s.reasons.add("topology replicas " + s.topologyReplicas + ": " + plan.consumerReplicas().reason());
            s.reasons.add("generator parallelism " + s.generatorParallelism + ": " + plan.generatorParallelism().reason());
            return s;
        }
    }
}
