package lab.performance.observatory.operator;

import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.TopicPlan;
import lab.performance.observatory.core.spec.BenchmarkSpec;

/** The plan as it goes into status: numbers for kubectl, reasons for humans. Pure. */
final class PlanStatuses {

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
        s.streamThreads = (int) plan.streamThreads().value();
        s.generatorParallelism = (int) plan.generatorParallelism().value();
        s.reasons.add("topology replicas " + s.topologyReplicas + ": " + plan.consumerReplicas().reason());
        s.reasons.add("stream threads " + s.streamThreads + " per replica: " + plan.streamThreads().reason());
        s.reasons.add("generator parallelism " + s.generatorParallelism + ": " + plan.generatorParallelism().reason());
        return s;
    }
}
