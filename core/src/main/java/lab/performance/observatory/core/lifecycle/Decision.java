package lab.performance.observatory.core.lifecycle;

/**
 * What the run lifecycle decided: the phase the run is in next, what the caller does about it, and
 * the condition to show (a machine-readable {@code reason}, a human {@code message}, and whether the
 * benchmark counts as ready: false while provisioning and after a failure).
 */
public record Decision(RunPhase phase, Action action, String reason, String message, boolean ready) {

    /** What the caller applies; the decision itself does nothing. */
    public enum Action {
        /** nothing yet: look again later */
        WAIT,
        /** record the run and start its generators */
        START_GENERATORS,
        /** generation is over: note when, then wait for the drain */
        END_GENERATION,
        /** drained (or out of time): close the run, build and judge its report */
        CLOSE,
        /** give the run up: mark it failed and release what it holds */
        FAIL
    }
}
