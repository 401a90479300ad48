package lab.performance.observatory.lifecycle;

import java.time.Instant;
import lab.performance.observatory.core.lifecycle.Decision;
import lab.performance.observatory.core.lifecycle.RunPhase;

/**
 * Where one run is, as a front end keeps it between steps (the CLI in memory, the operator in the
 * benchmark's status): its phase and id, whether it is recorded in PostgreSQL yet, when provisioning
 * began, when generation started and ended, how many generators send it, the condition last decided,
 * and when it closed, its outcome.
 */
public record RunState(RunPhase phase, String runId, boolean recorded, Instant provisioningSince, Instant generationStartedAt,
                       Instant generationEndedAt, Instant endedAt, int generatorInstances, String reason, String message, boolean ready,
                       RunOutcome outcome) {

    /** A run about to be recorded and provisioned. */
    public static RunState requested(String runId, Instant now) {
        return new RunState(RunPhase.PROVISIONING, runId, false, now, null, null, null, 0, "Provisioning",
                "run " + runId + " requested", false, null);
    }

    RunState asRecorded() {
        return new RunState(phase, runId, true, provisioningSince, generationStartedAt, generationEndedAt, endedAt, generatorInstances,
                reason, message, ready, outcome);
    }

    RunState decided(Decision d) {
        return new RunState(d.phase(), runId, recorded, provisioningSince, generationStartedAt, generationEndedAt, endedAt,
                generatorInstances, d.reason(), d.message(), d.ready(), outcome);
    }

    RunState generating(Instant at, int instances, Decision d) {
        return new RunState(d.phase(), runId, recorded, provisioningSince, at, generationEndedAt, endedAt, instances, d.reason(),
                d.message(), d.ready(), outcome);
    }

    RunState generated(Instant at, Decision d) {
        return new RunState(d.phase(), runId, recorded, provisioningSince, generationStartedAt, at, endedAt, generatorInstances,
                d.reason(), d.message(), d.ready(), outcome);
    }

    RunState ended(Instant at, RunPhase finalPhase, String why, String text, boolean isReady, RunOutcome result) {
        return new RunState(finalPhase, runId, recorded, provisioningSince, generationStartedAt, generationEndedAt, at,
                generatorInstances, why, text, isReady, result);
    }

    /** Generators found running for this benchmark: the run carries on with them. */
    static RunState adopted(RunExecutor.StartedGenerators g) {
        return new RunState(RunPhase.RUNNING, g.runId(), true, g.startedAt(), g.startedAt(), null, null, g.instances(), "Running",
                "run " + g.runId() + ": " + g.instances() + " generator(s) sending", true, null);
    }
}
