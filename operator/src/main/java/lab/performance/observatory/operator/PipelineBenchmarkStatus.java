package lab.performance.observatory.operator;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator reports: the phase, standard conditions, the generation it last acted on, the
 * plan it applied (every number with its reason) and the results of the run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineBenchmarkStatus {

    public Phase phase;
    public List<Condition> conditions = new ArrayList<>();
    public Long observedGeneration;
    public PlanStatus plan;
    public Scaling scaling;
    public Run run;
    public Results results;

    public enum Phase {
        Provisioning, Running, Analyzing, Completed, Failed, Invalid
    }

    /** The applied plan, flattened for kubectl: the topics and replica bounds with their reasons. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PlanStatus {
        public Double targetEventsPerSecond;
        public Double peakEventsPerSecond;
        public String capacitySource;
        public List<TopicStatus> topics = new ArrayList<>();
        public Integer topologyReplicas;
        public Integer minTopologyReplicas;
        public Integer maxTopologyReplicas;
        public Integer streamThreads;
        public Integer generatorParallelism;
        public List<String> reasons = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TopicStatus {
        public String name;
        public String resource;
        public Integer partitions;
        public Integer replicas;
    }

    /** Lag-driven scaling: the replicas now, the last lag seen, and the last decisions that changed something. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Scaling {
        public Integer replicas;
        public String lastChange;
        public Long lagRecords;
        public Double lagSeconds;
        public Double consumedPerSecond;
        public String lastDecision;
        public List<ScalingEvent> events = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ScalingEvent {
        public String at;
        public Integer from;
        public Integer to;
        public String reason;
    }

    /**
     * The run of the current spec: its id in PostgreSQL, the generator Job, when it was requested,
     * when generation started and ended, and when the run ended.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Run {
        public String id;
        public Long generation;
        public String generatorJob;
        public Integer generatorInstances;
        public String requestedAt;
        public String startedAt;
        public String generationEndedAt;
        public String endedAt;
    }

    /** Filled when the run has been analysed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Results {
        public String runId;
        public Double achievedEventsPerSecond;
        public Double p99Ms;
        public Long generated;
        public Long processed;
        public Long lost;
        public Boolean targetsMet;
        public List<String> targetFailures;
        /** regression, improvement, no_significant_change, insufficient_data, or no_baseline. */
        public String verdict;
        public String baseline;
        /** The baseline's throughput and end-to-end p99, beside this run's, when there was a comparison. */
        public Double baselineEventsPerSecond;
        public Double baselineP99Ms;
        public List<String> regressions;
        /** The names of the metrics that regressed (throughput_eps, end_to_end_p99_ms, ...), one series each in Prometheus. */
        public List<String> regressedMetrics;
        /** Where the full report is: the run's row in PostgreSQL, and the command that renders it. */
        public String report;
    }
}
