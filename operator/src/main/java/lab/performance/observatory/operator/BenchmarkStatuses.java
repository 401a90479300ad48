package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A benchmark's status as Kubernetes shows it: standard conditions (moving
 * {@code lastTransitionTime} only when a condition's status changes), an Event when it enters a
 * phase, and the write itself, cached so the next reconciliation reads what was written.
 */
@ApplicationScoped
public class BenchmarkStatuses {

    static final String VALID = "Valid";
    static final String READY = "Ready";

    private final Clock clock;
    private final BenchmarkEvents events;
    private final OperatorSettings settings;
    /** The phase last announced per benchmark (by uid), so each phase is announced once. */
    private final Map<String, PipelineBenchmarkStatus.Phase> announced = new ConcurrentHashMap<>();

    public BenchmarkStatuses(Clock clock, BenchmarkEvents events, OperatorSettings settings) {
        this.clock = clock;
        this.events = events;
        this.settings = settings;
    }

    /** Sets a standard condition. */
    void condition(PipelineBenchmarkStatus status, String type, boolean value, String reason, String message) {
        String text = value ? "True" : "False";
        Condition existing = status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        String since = existing != null && Objects.equals(existing.getStatus(), text) ? existing.getLastTransitionTime() : now;
        status.conditions.removeIf(c -> type.equals(c.getType()));
        status.conditions.add(new ConditionBuilder().withType(type).withStatus(text).withReason(reason).withMessage(message)
                .withLastTransitionTime(since).withObservedGeneration(status.observedGeneration).build());
    }

    /**
     * Writes the status and keeps the written version for the next reconciliation, which would
     * otherwise read the informer's possibly older copy: the run in status is what says a run was
     * recorded and its generators started, so a stale copy would start them twice.
     */
    void write(PipelineBenchmark resource, Context<PipelineBenchmark> context) {
        PipelineBenchmarkStatus status = resource.getStatus();
        announce(resource, status);
        try {
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
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            // deleted while being reconciled: nothing left to report on
        }
    }

    /** An Event when the benchmark enters a phase, saying why (the Ready condition, or Valid when the spec was refused). */
    private void announce(PipelineBenchmark resource, PipelineBenchmarkStatus status) {
        PipelineBenchmarkStatus.Phase before = announced.put(resource.getMetadata().getUid(), status.phase);
        if (status.phase == null || status.phase == before) {
            return;
        }
        String type = status.phase == PipelineBenchmarkStatus.Phase.Invalid ? VALID : READY;
        Condition why = status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String message = status.phase + (why == null ? "" : ": " + why.getMessage());
        String reason = why == null ? status.phase.name() : why.getReason();
        if (status.phase == PipelineBenchmarkStatus.Phase.Failed || status.phase == PipelineBenchmarkStatus.Phase.Invalid) {
            events.warning(resource, reason, message);
        } else {
            events.normal(resource, reason, message);
        }
    }
}
