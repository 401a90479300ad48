package lab.performance.observatory.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lab.performance.observatory.core.plan.CapacityModel;
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
 * shared planner, refuse topics another benchmark owns, then create or update the owned KafkaTopics
 * and the topology Deployment and report the plan and phase. Idempotent: the same spec yields the
 * same objects.
 */
@ApplicationScoped
@ControllerConfiguration(name = PipelineBenchmarkReconciler.NAME)
public class PipelineBenchmarkReconciler implements Reconciler<PipelineBenchmark> {

    static final String NAME = "pipelinebenchmark";
    static final String VALID = "Valid";
    static final String READY = "Ready";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final int SCALING_EVENTS_KEPT = 10;

    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final ConsumerLag lag;

    public PipelineBenchmarkReconciler(KubernetesClient client, OperatorSettings settings, ConsumerLag lag) {
        this.client = client;
        this.settings = settings;
        this.lag = lag;
    }

    /**
     * Owned topics and Deployments are watched, so a Deployment becoming ready or a topic deleted by
     * hand brings the benchmark back for reconciliation at once instead of at the next recheck.
     */
    @Override
    public List<EventSource<?, PipelineBenchmark>> prepareEventSources(EventSourceContext<PipelineBenchmark> context) {
        return List.of(owned(KafkaTopic.class, "kafka-topics", context), owned(Deployment.class, "deployments", context));
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
        BenchmarkSpec spec;
        try {
            spec = parse(resource);
        } catch (InvalidSpecException e) {
            status.phase = PipelineBenchmarkStatus.Phase.Invalid;
            status.plan = null;
            condition(status, VALID, "False", "InvalidSpec", e.getMessage());
            condition(status, READY, "False", "InvalidSpec", "nothing was created: fix the spec");
            return UpdateControl.patchStatus(resource);
        }
        condition(status, VALID, "True", "SpecAccepted", "the spec passed validation");

        String cluster = kafkaCluster(resource);
        Plan plan = Planner.plan(spec, BenchmarkNames.of(resource).topicPrefix(), settings.brokers(), CapacityModel.DEFAULT);
        status.plan = PlanStatuses.of(plan, spec);
        List<KafkaTopic> topics = BenchmarkResources.topics(resource, plan, cluster);
        Map<String, KafkaTopic> existingTopics = existing(resource, topics);
        List<String> conflicts = conflicts(resource, existingTopics);
        if (!conflicts.isEmpty()) {
            status.phase = PipelineBenchmarkStatus.Phase.Failed;
            condition(status, READY, "False", "TopicConflict", String.join("; ", conflicts));
            return UpdateControl.patchStatus(resource);
        }
        for (KafkaTopic topic : topics) {
            KafkaTopic existing = existingTopics.get(topic.getMetadata().getName());
            if (existing == null || !BenchmarkResources.sameTopic(existing, topic)) {
                client.resource(topic).createOr(NonDeletingOperation::update);
            }
        }
        int replicas = scale(resource, status, plan, newGeneration);
        Deployment desired = BenchmarkResources.topology(resource, spec, plan, replicas, settings, cluster);
        Deployment existing = client.apps().deployments().inNamespace(resource.getMetadata().getNamespace())
                .withName(desired.getMetadata().getName()).get();
        // writing only what changed keeps reconciliation idempotent and quiet: no update, no watch event
        Deployment applied = existing != null && BenchmarkResources.sameDeployment(existing, desired) ? existing
                : client.resource(desired).createOr(NonDeletingOperation::update);

        int ready = applied.getStatus() == null || applied.getStatus().getReadyReplicas() == null ? 0 : applied.getStatus().getReadyReplicas();
        if (ready >= replicas) {
            status.phase = PipelineBenchmarkStatus.Phase.Running;
            condition(status, READY, "True", "TopologyReady", ready + " of " + replicas + " topology replicas ready");
            return UpdateControl.patchStatus(resource).rescheduleAfter(settings.recheckInterval());
        }
        status.phase = PipelineBenchmarkStatus.Phase.Provisioning;
        condition(status, READY, "False", "Provisioning",
                topics.size() + " KafkaTopic(s) applied; " + ready + " of " + replicas + " topology replicas ready");
        return UpdateControl.patchStatus(resource).rescheduleAfter(settings.recheckInterval());
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
        String bootstrap = settings.bootstrapServers().orElse(kafkaCluster(resource) + "-kafka-bootstrap:9092");
        List<String> inputs = plan.inputTopics().stream().map(TopicPlan::name).toList();
        lag.observe(bootstrap, names.applicationId(), inputs).ifPresent(observation -> {
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
            }
        });
        return scaling.replicas;
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
