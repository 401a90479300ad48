package lab.performance.observatory.core.report;

import java.time.Instant;
import java.util.Map;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.spec.BenchmarkSpec;

/**
 * What the orchestrator knows about a run besides the measurements: its spec, when generation
 * started and stopped, how draining went, the environment it ran in, the files written for it
 * (flamegraphs, HTML report) by name, and the plan it was laid out by (null for runs stored before
 * plans were).
 */
public record RunFacts(
        String runId,
        BenchmarkSpec spec,
        String status,
        Instant generationStartedAt,
        Instant generationEndedAt,
        Instant endedAt,
        Drain drain,
        Map<String, String> environment,
        Map<String, String> artifacts,
        Plan plan) {

    public RunFacts {
        environment = Map.copyOf(environment);
        artifacts = Map.copyOf(artifacts);
    }

    /** A run recorded without its plan (before plans were stored with runs). */
    public RunFacts(String runId, BenchmarkSpec spec, String status, Instant generationStartedAt, Instant generationEndedAt,
                    Instant endedAt, Drain drain, Map<String, String> environment, Map<String, String> artifacts) {
        this(runId, spec, status, generationStartedAt, generationEndedAt, endedAt, drain, environment, artifacts, null);
    }

    /**
     * How the end of a run went: generation stopped, then the topology got a bounded time to finish
     * what was in flight. {@code undrainedRecords} is what was still unprocessed in the topics
     * (consumer lag) when that time ran out.
     */
    public record Drain(boolean completed, double seconds, long undrainedRecords) {
    }

    /** The instant from which results count: generation start plus the spec's warm-up. */
    public Instant measurementStart() {
        return generationStartedAt.plus(spec.warmup());
    }
}
