package lab.performance.observatory.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.Framing;
import lab.performance.observatory.core.replay.InvalidProfileException;
import lab.performance.observatory.core.spec.InvalidSpecException;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.schemas.profile.ReplayProfiles;
import lab.performance.observatory.lifecycle.BenchmarkLifecycle;
import lab.performance.observatory.lifecycle.BenchmarkRun;
import lab.performance.observatory.lifecycle.RunRefusedException;
import lab.performance.observatory.lifecycle.RunState;
import lab.performance.observatory.store.RunStore;

/**
 * Reconciles a {@code PipelineBenchmark}: the shared validator (a rejected spec gets phase Invalid and
 * a condition naming the field; nothing is created), the shared planner, topics another owner holds
 * refused, then one step of the shared run lifecycle on a {@link KubernetesRunExecutor}, and the
 * result into status. The objects are pure builders ({@link BenchmarkResources}), every Kubernetes
 * call is {@link BenchmarkKubernetes}'s, the phases are {@code RunLifecycle}'s. A new spec
 * supersedes the run of the old one and starts its own.
 */
@ApplicationScoped
@ControllerConfiguration(name = PipelineBenchmarkReconciler.NAME)
public class PipelineBenchmarkReconciler implements Reconciler<PipelineBenchmark> {

    static final String NAME = "pipelinebenchmark";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OperatorSettings settings;
    private final RunLedger ledger;
    private final Capacities capacities;
    private final Clock clock;
    private final BenchmarkKubernetes kube;
    private final BenchmarkStatuses statuses;
    private final TopologyScaler scaler;
    private final ConsumerLag lag;
    private final PodResourceSampler sampler;
    private final OperatorMetrics metrics;
    private final RandomGenerator random = new SplittableRandom();

    public PipelineBenchmarkReconciler(OperatorSettings settings, RunLedger ledger, Capacities capacities, Clock clock,
                                       BenchmarkKubernetes kube, BenchmarkStatuses statuses, TopologyScaler scaler, ConsumerLag lag,
                                       PodResourceSampler sampler, OperatorMetrics metrics) {
        this.settings = settings;
        this.ledger = ledger;
        this.capacities = capacities;
        this.clock = clock;
        this.kube = kube;
        this.statuses = statuses;
        this.scaler = scaler;
        this.lag = lag;
        this.sampler = sampler;
        this.metrics = metrics;
    }

    /** Owned topics, Deployments and Jobs are watched: a change to one brings its benchmark back at once instead of at the next recheck. */
    @Override
    public List<EventSource<?, PipelineBenchmark>> prepareEventSources(EventSourceContext<PipelineBenchmark> context) {
        return List.of(owned(KafkaTopic.class, "kafka-topics", context), owned(Deployment.class, "deployments", context),
                owned(Job.class, "jobs", context));
    }

    private static <R extends HasMetadata> EventSource<?, PipelineBenchmark> owned(Class<R> type, String name,
                                                                                  EventSourceContext<PipelineBenchmark> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, PipelineBenchmark.class)
                .withName(name)
                .withLabelSelector(BenchmarkNames.BENCHMARK_LABEL)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(PipelineBenchmark.class))
                .build(), context);
    }

    @Override
    public UpdateControl<PipelineBenchmark> reconcile(PipelineBenchmark resource, Context<PipelineBenchmark> context) throws Exception {
        metrics.watch(context.getPrimaryCache());
        var sample = metrics.startReconcile();
        String outcome = "error";
        try {
            UpdateControl<PipelineBenchmark> control = reconcileBenchmark(resource, context);
            outcome = "success";
            return control;
        } finally {
            metrics.reconciled(sample, outcome);
        }
    }

    private UpdateControl<PipelineBenchmark> reconcileBenchmark(PipelineBenchmark resource, Context<PipelineBenchmark> context)
            throws Exception {
        PipelineBenchmarkStatus status = resource.getStatus() == null ? new PipelineBenchmarkStatus() : resource.getStatus();
        resource.setStatus(status);
        boolean newGeneration = !Objects.equals(status.observedGeneration, resource.getMetadata().getGeneration());
        status.observedGeneration = resource.getMetadata().getGeneration();
        BenchmarkSpec spec;
        try {
            spec = parse(resource, settings.profilesDir().map(java.nio.file.Path::of));
        } catch (InvalidSpecException | InvalidProfileException e) {
            String reason = e instanceof InvalidProfileException ? "InvalidProfile" : "InvalidSpec";
            status.phase = PipelineBenchmarkStatus.Phase.Invalid;
            status.plan = null;
            statuses.condition(status, BenchmarkStatuses.VALID, false, reason, e.getMessage());
            statuses.condition(status, BenchmarkStatuses.READY, false, reason, "nothing was created: fix the spec");
            return done(resource, context);
        }
        statuses.condition(status, BenchmarkStatuses.VALID, true, "SpecAccepted", "the spec passed validation");
        List<String> needRegistry = spec.dataSources().stream().filter(d -> d.framing() == Framing.REGISTRY).map(DataSourceSpec::name).toList();
        if (!needRegistry.isEmpty() && settings.schemaRegistryUrl().isEmpty()) {
            return refused(resource, context, "NoSchemaRegistry", "nothing was created: source(s) " + String.join(", ", needRegistry)
                    + " are framed for a schema registry and the operator has none (observatory.operator.schema-registry-url)");
        }
        List<String> cdc = spec.dataSources().stream().filter(d -> d.dataType() == lab.performance.observatory.core.spec.DataType.CDC)
                .map(DataSourceSpec::name).toList();
        if (!cdc.isEmpty()) {
            return refused(resource, context, "CdcNotOnKubernetes", "nothing was created: source(s) " + String.join(", ", cdc)
                    + " are cdc sources, which run with bin/observatory run for now: the shipped PostgreSQL does not run with "
                    + "wal_level=logical and no cluster was at hand to prove the path (docs/cdc.md)");
        }
        String cluster = kafkaCluster(resource);
        Plan plan = Planner.plan(spec, BenchmarkNames.of(resource).topicPrefix(), Cluster.kubernetes(settings.brokers(),
                settings.topologyReplicaCpu()), capacities.forSpec(spec));
        status.plan = PlanStatuses.of(plan, spec);
        List<KafkaTopic> topics = BenchmarkResources.topics(resource, plan, cluster);
        Map<String, KafkaTopic> existing = kube.existingTopics(resource.getMetadata().getNamespace(), topics);
        List<String> conflicts = BenchmarkResources.conflicts(resource, existing);
        if (!conflicts.isEmpty()) {
            return refused(resource, context, "TopicConflict", String.join("; ", conflicts));
        }
        Optional<RunStore> store = ledger.store();
        if (newGeneration && status.run != null) {
            supersede(resource, status, spec, plan, cluster, topics, existing, store);
        }
        boolean over = status.run != null && RunStates.phase(status.phase).over();
        int replicas = over ? 0 : scaler.replicas(resource, status, plan, BenchmarkResources.bootstrapServers(settings, cluster), newGeneration);
        String job = BenchmarkNames.of(resource).generatorJob(resource.getMetadata().getGeneration());
        KubernetesRunExecutor executor = new KubernetesRunExecutor(new KubernetesRunExecutor.Target(resource, spec, plan, cluster, replicas,
                topics, existing, job), settings, kube, lag, sampler, store.orElse(null));
        if (over) {
            executor.applyTopology(0);
            return done(resource, context);
        }
        if (store.isEmpty()) {
            executor.applyTopology(replicas);
            status.phase = PipelineBenchmarkStatus.Phase.Provisioning;
            statuses.condition(status, BenchmarkStatuses.READY, false, "NoDatabase",
                    "provisioned, but the operator has no PostgreSQL to record runs in (observatory.operator.jdbc-url is not set)");
            return recheck(resource, context);
        }
        BenchmarkLifecycle lifecycle = lifecycle(spec, plan, executor, store.get());
        RunState state = RunStates.of(status, RunNaming.newRunId(resource.getMetadata().getName(), clock.instant(), random), clock.instant());
        try {
            state = lifecycle.step(state);
        } catch (RunRefusedException e) {
            state = lifecycle.abandon(state, "failed", e.reason(), e.getMessage());
        } catch (SQLException e) {
            statuses.condition(status, BenchmarkStatuses.READY, state.ready(), "DatabaseUnavailable",
                    "cannot read or record the run in PostgreSQL: " + e.getMessage());
            return recheck(resource, context);
        }
        RunStates.write(state, status, resource.getMetadata().getGeneration(), job);
        if (state.outcome() != null) {
            status.results = RunResults.of(state.outcome().report(), state.outcome().baseline(), state.outcome().comparison());
            statuses.condition(status, BenchmarkStatuses.READY, true, "RunCompleted", RunResults.summary(status.results) + "; " + state.message());
        } else {
            statuses.condition(status, BenchmarkStatuses.READY, state.ready(), state.reason(), state.message());
        }
        return state.phase().over() ? done(resource, context) : recheck(resource, context);
    }

    private BenchmarkLifecycle lifecycle(BenchmarkSpec spec, Plan plan, KubernetesRunExecutor executor, RunStore store) {
        return new BenchmarkLifecycle(new BenchmarkRun(spec, plan, spec.comparisonBaseline(), settings.regression().thresholds(),
                settings.drainTimeout(), Optional.empty()), executor, store, clock);
    }

    /**
     * A new spec replaces the run of the old one: its generators stop and the run is marked
     * superseded, so its numbers are never mistaken for the new spec's.
     */
    private void supersede(PipelineBenchmark resource, PipelineBenchmarkStatus status, BenchmarkSpec spec, Plan plan, String cluster,
                           List<KafkaTopic> topics, Map<String, KafkaTopic> existing, Optional<RunStore> store) throws Exception {
        if (store.isPresent() && !RunStates.phase(status.phase).over()) {
            KubernetesRunExecutor old = new KubernetesRunExecutor(new KubernetesRunExecutor.Target(resource, spec, plan, cluster, 0, topics,
                    existing, status.run.generatorJob), settings, kube, lag, sampler, store.get());
            lifecycle(spec, plan, old, store.get()).abandon(RunStates.of(status, status.run.id, clock.instant()), "superseded",
                    "Superseded", "the spec changed");
        }
        status.run = null;
        status.results = null;
        status.phase = PipelineBenchmarkStatus.Phase.Provisioning;
    }

    /** Nothing is created or run: the reason is in the Ready condition. */
    private UpdateControl<PipelineBenchmark> refused(PipelineBenchmark resource, Context<PipelineBenchmark> context, String reason,
                                                     String message) {
        PipelineBenchmarkStatus status = resource.getStatus();
        status.phase = PipelineBenchmarkStatus.Phase.Failed;
        statuses.condition(status, BenchmarkStatuses.READY, false, reason, message);
        return done(resource, context);
    }

    private UpdateControl<PipelineBenchmark> done(PipelineBenchmark resource, Context<PipelineBenchmark> context) {
        statuses.write(resource, context);
        return UpdateControl.noUpdate();
    }

    private UpdateControl<PipelineBenchmark> recheck(PipelineBenchmark resource, Context<PipelineBenchmark> context) {
        statuses.write(resource, context);
        return UpdateControl.<PipelineBenchmark>noUpdate().rescheduleAfter(settings.recheckInterval());
    }

    /**
     * A reconciliation that threw (the API server or Kafka refused, a bug): the error reaches the
     * status instead of leaving it stale, and JOSDK retries.
     */
    @Override
    public ErrorStatusUpdateControl<PipelineBenchmark> updateErrorStatus(PipelineBenchmark resource, Context<PipelineBenchmark> context,
                                                                        Exception e) {
        PipelineBenchmarkStatus status = resource.getStatus() == null ? new PipelineBenchmarkStatus() : resource.getStatus();
        resource.setStatus(status);
        statuses.condition(status, BenchmarkStatuses.READY, false, "ReconcileError",
                e.getClass().getSimpleName() + ": " + e.getMessage() + " (retrying)");
        return ErrorStatusUpdateControl.patchStatus(resource);
    }

    /**
     * The resource as the spec document the shared validator reads, replay sources completed from the
     * profiles directory (docs/load-profiles.md, "On Kubernetes").
     */
    static BenchmarkSpec parse(PipelineBenchmark resource, java.util.Optional<java.nio.file.Path> profilesDir)
            throws InvalidSpecException, InvalidProfileException {
        ObjectNode document = JSON.createObjectNode();
        document.put("apiVersion", resource.getApiVersion());
        document.put("kind", resource.getKind());
        document.putObject("metadata").put("name", resource.getMetadata().getName());
        document.set("spec", resource.getSpec() == null ? JSON.createObjectNode() : JSON.valueToTree(resource.getSpec()));
        ReplayProfiles.completeOnServer(document, profilesDir, "observatory.operator.profiles-dir");
        return SpecParser.parse(document);
    }

    private String kafkaCluster(PipelineBenchmark resource) {
        String annotated = resource.getMetadata().getAnnotations() == null ? null
                : resource.getMetadata().getAnnotations().get(BenchmarkNames.KAFKA_CLUSTER_ANNOTATION);
        return annotated == null || annotated.isBlank() ? settings.kafkaCluster() : annotated;
    }
}
