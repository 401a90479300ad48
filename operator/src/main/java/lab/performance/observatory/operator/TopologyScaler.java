package lab.performance.observatory.operator;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import lab.performance.observatory.core.plan.LagScaling;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.TopicPlan;

/**
 * The topology's replicas while a benchmark runs: the plan's on a new spec, else what scaling last
 * chose, moved by the pure {@link LagScaling} policy on lag read from Kafka; each change is kept in
 * status (last ten) and announced as an Event.
 */
@ApplicationScoped
public class TopologyScaler {

    static final int SCALING_EVENTS_KEPT = 10;

    private final ConsumerLag lag;
    private final OperatorSettings settings;
    private final BenchmarkEvents events;
    private final OperatorMetrics metrics;

    public TopologyScaler(ConsumerLag lag, OperatorSettings settings, BenchmarkEvents events, OperatorMetrics metrics) {
        this.lag = lag;
        this.settings = settings;
        this.events = events;
        this.metrics = metrics;
    }

    int replicas(PipelineBenchmark resource, PipelineBenchmarkStatus status, Plan plan, String bootstrapServers, boolean newGeneration) {
        if (newGeneration || status.scaling == null || status.scaling.replicas == null) {
            status.scaling = new PipelineBenchmarkStatus.Scaling();
            status.scaling.replicas = (int) plan.consumerReplicas().value();
        }
        PipelineBenchmarkStatus.Scaling scaling = status.scaling;
        metrics.scaling(resource);
        List<String> inputs = plan.inputTopics().stream().map(TopicPlan::name).toList();
        lag.observe(bootstrapServers, BenchmarkNames.of(resource).applicationId(), inputs).ifPresent(observation -> {
            scaling.lagRecords = observation.lagRecords();
            scaling.lagSeconds = Double.isInfinite(observation.lagSeconds()) ? null : observation.lagSeconds();
            scaling.consumedPerSecond = observation.consumedPerSecond();
            Instant lastChange = scaling.lastChange == null ? null : Instant.parse(scaling.lastChange);
            LagScaling.Decision decision = LagScaling.decide(scaling.replicas, plan, observation, lastChange,
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
                metrics.scaled(resource, event.to > event.from ? "up" : "down");
                events.normal(resource, "Scaled", "topology " + event.from + " → " + event.to + " replicas: " + event.reason);
            }
        });
        return scaling.replicas;
    }
}
