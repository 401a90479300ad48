package lab.performance.observatory.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import lab.performance.observatory.core.lifecycle.Decision;
import lab.performance.observatory.core.lifecycle.DrainProgress;
import lab.performance.observatory.core.lifecycle.RunLifecycle;
import lab.performance.observatory.core.lifecycle.RunPhase;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.store.RunStore;

/**
 * Runs one benchmark through its lifecycle on an executor, one step at a time: record the run,
 * provision until ready, start the planned generators, follow them, wait for the drain, then close
 * and judge. Each {@link #step} observes, asks the pure {@link RunLifecycle} what to do, and applies
 * it; it never blocks, so an operator calls it once per reconciliation and a command line in a loop
 * ({@link BlockingRun}). The one place a run's phases are driven (docs/architecture.md, "The run lifecycle").
 */
public final class BenchmarkLifecycle {

    private final BenchmarkRun run;
    private final RunExecutor executor;
    private final RunStore store;
    private final RunCloser closer;
    private final Clock clock;

    public BenchmarkLifecycle(BenchmarkRun run, RunExecutor executor, RunStore store, Clock clock) {
        this.run = run;
        this.executor = executor;
        this.store = store;
        this.closer = new RunCloser(store);
        this.clock = clock;
    }

    public BenchmarkRun run() {
        return run;
    }

    /**
     * One step from {@code state}; a run that is over stays as it is.
     *
     * @throws RunRefusedException when the executor finds what the run needs taken by someone else
     * @throws Exception           when the stack or PostgreSQL fails; the state passed in is still valid to retry from
     */
    public RunState step(RunState state) throws Exception {
        if (state.phase().over()) {
            return state;
        }
        RunState s = state;
        if (!s.recorded()) {
            Optional<RunExecutor.StartedGenerators> found = executor.alreadyGenerating();
            if (found.isPresent()) {
                return RunState.adopted(found.get());
            }
            store.runs().create(s.runId(), run.spec(), run.plan(), executor.environment());
            s = s.asRecorded();
        }
        Instant now = clock.instant();
        executor.provision(s);
        return switch (s.phase()) {
            case PROVISIONING -> provisioning(s, now);
            case RUNNING -> running(s, now);
            case ANALYZING -> analyzing(s, now);
            case COMPLETED, FAILED -> s;
        };
    }

    private RunState provisioning(RunState s, Instant now) throws Exception {
        int instances = (int) run.plan().generatorParallelism().value();
        Decision d = RunLifecycle.provisioning(s.runId(), instances, executor.readiness(s), Duration.between(s.provisioningSince(), now),
                run.provisionTimeout());
        return switch (d.action()) {
            case START_GENERATORS -> {
                executor.startGenerators(s, instances);
                yield s.generating(now, instances, d);
            }
            case FAIL -> fail(s, d, now);
            default -> s.decided(d);
        };
    }

    private RunState running(RunState s, Instant now) throws Exception {
        executor.sample(s);
        Decision d = RunLifecycle.running(s.runId(), executor.generators(s), executor.topologyStopped(s));
        return switch (d.action()) {
            case END_GENERATION -> s.generated(now, d);
            case FAIL -> fail(s, d, now);
            default -> s.decided(d);
        };
    }

    private RunState analyzing(RunState s, Instant now) throws Exception {
        executor.sample(s);
        Duration since = Duration.between(s.generationEndedAt(), now);
        DrainProgress drain = store.drainProgress(s.runId());
        Decision d = RunLifecycle.analyzing(drain, since, run.drainTimeout(), executor.topologyStopped(s));
        if (d.action() == Decision.Action.FAIL) {
            return fail(s, d, now);
        }
        if (d.action() != Decision.Action.CLOSE) {
            return s.decided(d);
        }
        RunFacts.Drain how = new RunFacts.Drain(drain.drained(), since.toMillis() / 1000.0, drain.behind());
        RunOutcome outcome = closer.close(s.runId(), how, now, executor, run.baseline(), run.thresholds());
        RunState closed = s.ended(now, RunPhase.COMPLETED, d.reason(), d.message(), true, outcome);
        executor.release(closed);
        return closed;
    }

    private RunState fail(RunState s, Decision d, Instant now) throws Exception {
        executor.stopGenerators(s);
        store.runs().abandon(s.runId(), "failed", now);
        RunState failed = s.ended(now, RunPhase.FAILED, d.reason(), d.message(), false, null);
        executor.release(failed);
        return failed;
    }

    /**
     * Gives up a run that is not over (Ctrl-C: {@code aborted}; a new spec: {@code superseded}): its
     * generators stop and PostgreSQL records why, so its numbers are never read as a finished run's.
     * What the run holds is left to the caller, which may start the next run on it.
     */
    public RunState abandon(RunState s, String status, String reason, String message) throws Exception {
        if (s.phase().over()) {
            return s;
        }
        Instant now = clock.instant();
        executor.stopGenerators(s);
        // even when the state says not recorded yet: the first step may have recorded it and still be provisioning
        store.runs().abandon(s.runId(), status, now);
        return s.ended(now, RunPhase.FAILED, reason, message, false, null);
    }
}
