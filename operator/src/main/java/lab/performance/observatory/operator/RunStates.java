package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import lab.performance.observatory.core.lifecycle.RunPhase;
import lab.performance.observatory.lifecycle.RunState;

/** A run's lifecycle state as the benchmark's status keeps it between reconciliations, and back. Pure. */
final class RunStates {

    private RunStates() {
    }

    /** The state the status holds; a benchmark without a recorded run starts one as {@code newRunId}. */
    static RunState of(PipelineBenchmarkStatus status, String newRunId, Instant now) {
        PipelineBenchmarkStatus.Run r = status.run;
        if (r == null) {
            return RunState.requested(newRunId, now);
        }
        Condition ready = status.conditions.stream().filter(c -> BenchmarkStatuses.READY.equals(c.getType())).findFirst().orElse(null);
        return new RunState(phase(status.phase), r.id, true, instant(r.requestedAt, now), instant(r.startedAt, null),
                instant(r.generationEndedAt, null), instant(r.endedAt, null), r.generatorInstances == null ? 0 : r.generatorInstances,
                ready == null ? "Provisioning" : ready.getReason(), ready == null ? "" : ready.getMessage(),
                ready != null && "True".equals(ready.getStatus()), null);
    }

    /** Writes phase and run of {@code s} into the status; conditions and results are the caller's. */
    static void write(RunState s, PipelineBenchmarkStatus status, long generation, String generatorJob) {
        status.phase = phase(s.phase());
        if (!s.recorded()) {
            status.run = null;
            return;
        }
        PipelineBenchmarkStatus.Run r = new PipelineBenchmarkStatus.Run();
        r.id = s.runId();
        r.generation = generation;
        r.generatorJob = generatorJob;
        r.generatorInstances = s.generatorInstances() == 0 ? null : s.generatorInstances();
        r.requestedAt = text(s.provisioningSince());
        r.startedAt = text(s.generationStartedAt());
        r.generationEndedAt = text(s.generationEndedAt());
        r.endedAt = text(s.endedAt());
        status.run = r;
    }

    static PipelineBenchmarkStatus.Phase phase(RunPhase p) {
        return switch (p) {
            case PROVISIONING -> PipelineBenchmarkStatus.Phase.Provisioning;
            case RUNNING -> PipelineBenchmarkStatus.Phase.Running;
            case ANALYZING -> PipelineBenchmarkStatus.Phase.Analyzing;
            case COMPLETED -> PipelineBenchmarkStatus.Phase.Completed;
            case FAILED -> PipelineBenchmarkStatus.Phase.Failed;
        };
    }

    static RunPhase phase(PipelineBenchmarkStatus.Phase p) {
        if (p == null) {
            return RunPhase.PROVISIONING;
        }
        return switch (p) {
            case Provisioning, Invalid -> RunPhase.PROVISIONING;
            case Running -> RunPhase.RUNNING;
            case Analyzing -> RunPhase.ANALYZING;
            case Completed -> RunPhase.COMPLETED;
            case Failed -> RunPhase.FAILED;
        };
    }

    private static Instant instant(String text, Instant otherwise) {
        return text == null ? otherwise : Instant.parse(text);
    }

    private static String text(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
