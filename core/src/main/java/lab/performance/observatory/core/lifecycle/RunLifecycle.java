package lab.performance.observatory.core.lifecycle;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The run lifecycle every front end shares (the CLI, the operator, and whatever starts runs next):
 * Provisioning until the topics exist, the topology is ready and its consumer group holds every
 * input partition; Running while the generators send; Analyzing until the topology has processed
 * what the broker acknowledged or the drain timeout passes; then Completed, or Failed when
 * provisioning times out or a generator fails. Pure: the caller observes and applies the
 * {@link Decision}, as {@code LagScaling} leaves scaling to its caller.
 */
public final class RunLifecycle {

    public static final String PROVISIONING = "Provisioning";
    public static final String WAITING_FOR_CONSUMERS = "WaitingForConsumers";
    public static final String PROVISIONING_TIMED_OUT = "ProvisioningTimedOut";
    public static final String RUNNING = "Running";
    public static final String GENERATOR_FAILED = "GeneratorFailed";
    public static final String GENERATORS_MISSING = "GeneratorsMissing";
    public static final String TOPOLOGY_STOPPED = "TopologyStopped";
    public static final String DRAINING = "Draining";
    public static final String DRAINED = "Drained";
    public static final String DRAIN_TIMED_OUT = "DrainTimedOut";

    private RunLifecycle() {
    }

    /**
     * @param generators how many generators the run starts once provisioned
     * @param waited     how long the run has been provisioning
     * @param timeout    how long it may; empty waits for ever (an operator keeps reconciling)
     */
    public static Decision provisioning(String runId, int generators, Readiness r, Duration waited, Optional<Duration> timeout) {
        String seen = r.topicsReady() + " of " + r.topics() + " topic(s) ready; " + r.topologyReady() + " of " + r.topologyWanted()
                + " topology replica(s) ready";
        if (r.provisioned() && r.consumingAll()) {
            return new Decision(RunPhase.RUNNING, Decision.Action.START_GENERATORS, RUNNING, "run " + runId + ": " + generators
                    + " generator(s) started; " + r.topics() + " topic(s) and " + r.topologyReady()
                    + " topology replica(s) ready, every input partition assigned", true);
        }
        String why = r.provisioned() ? "topics and topology ready; waiting for the consumer group to be stable with every input partition assigned"
                : seen;
        if (timeout.isPresent() && waited.compareTo(timeout.get()) > 0) {
            return new Decision(RunPhase.FAILED, Decision.Action.FAIL, PROVISIONING_TIMED_OUT,
                    "not provisioned within " + seconds(timeout.get()) + ": " + why, false);
        }
        return new Decision(RunPhase.PROVISIONING, Decision.Action.WAIT, r.provisioned() ? WAITING_FOR_CONSUMERS : PROVISIONING, why, false);
    }

    public static Decision running(String runId, GeneratorState generators) {
        return running(runId, generators, Optional.empty());
    }

    /**
     * @param topologyStopped why the topology stopped for good, if it did (its process exited
     *     unasked): nothing the run generates from then on is processed, so waiting is pointless
     */
    public static Decision running(String runId, GeneratorState generators, Optional<String> topologyStopped) {
        if (topologyStopped.isPresent()) {
            return new Decision(RunPhase.FAILED, Decision.Action.FAIL, TOPOLOGY_STOPPED, "run " + runId + ": " + topologyStopped.get(), false);
        }
        if (generators instanceof GeneratorState.Finished f) {
            return new Decision(RunPhase.ANALYZING, Decision.Action.END_GENERATION, DRAINING,
                    "generation over (" + f.instances() + " generator(s) done); waiting for the topology to process what is left", true);
        }
        if (generators instanceof GeneratorState.Failed f) {
            return new Decision(RunPhase.FAILED, Decision.Action.FAIL, GENERATOR_FAILED, "run " + runId + ": " + f.reason(), false);
        }
        if (generators instanceof GeneratorState.Missing m) {
            return new Decision(RunPhase.FAILED, Decision.Action.FAIL, GENERATORS_MISSING, "run " + runId + ": " + m.reason(), false);
        }
        GeneratorState.Sending s = (GeneratorState.Sending) generators;
        return new Decision(RunPhase.RUNNING, Decision.Action.WAIT, RUNNING, "run " + runId + ": " + s.active() + " generator(s) sending, "
                + s.succeeded() + " of " + s.instances() + " done", true);
    }

    /** @param sinceGenerationEnded how long the topology has had to drain */
    public static Decision analyzing(DrainProgress drain, Duration sinceGenerationEnded, Duration drainTimeout) {
        return analyzing(drain, sinceGenerationEnded, drainTimeout, Optional.empty());
    }

    /** @param topologyStopped as for {@link #running(String, GeneratorState, Optional)}: a drain that cannot finish fails at once */
    public static Decision analyzing(DrainProgress drain, Duration sinceGenerationEnded, Duration drainTimeout, Optional<String> topologyStopped) {
        if (drain.drained()) {
            return new Decision(RunPhase.COMPLETED, Decision.Action.CLOSE, DRAINED,
                    String.format(Locale.ROOT, "drained in %.1f s", sinceGenerationEnded.toMillis() / 1000.0), true);
        }
        if (topologyStopped.isPresent()) {
            return new Decision(RunPhase.FAILED, Decision.Action.FAIL, TOPOLOGY_STOPPED, String.format(Locale.ROOT,
                    "%s, with %,d of %,d events unprocessed", topologyStopped.get(), drain.behind(), drain.acknowledged()), false);
        }
        if (sinceGenerationEnded.compareTo(drainTimeout) >= 0) {
            return new Decision(RunPhase.COMPLETED, Decision.Action.CLOSE, DRAIN_TIMED_OUT, String.format(Locale.ROOT,
                    "drain timed out after %.1f s with %,d of %,d events unprocessed", sinceGenerationEnded.toMillis() / 1000.0,
                    drain.behind(), drain.acknowledged()), true);
        }
        return new Decision(RunPhase.ANALYZING, Decision.Action.WAIT, DRAINING, String.format(Locale.ROOT,
                "generation over; %,d of %,d events still to process (%.0f s of %s drain timeout)", drain.behind(), drain.acknowledged(),
                sinceGenerationEnded.toMillis() / 1000.0, seconds(drainTimeout)), true);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
