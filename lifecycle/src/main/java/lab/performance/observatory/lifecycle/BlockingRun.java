package lab.performance.observatory.lifecycle;

import java.time.Duration;
import java.util.function.Consumer;
import lab.performance.observatory.core.time.NanoClock;

/**
 * A run driven to its end on the calling thread: step, tell the listener, wait, until the run is
 * over. What the CLI does with every run, and any front end that runs a benchmark to completion.
 */
public final class BlockingRun {

    private final BenchmarkLifecycle lifecycle;
    private final NanoClock clock;
    private final Duration poll;
    private volatile RunState current;

    public BlockingRun(BenchmarkLifecycle lifecycle, NanoClock clock, Duration poll) {
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.poll = poll;
    }

    /** @param onStep told the state after every step (progress, phase changes) */
    public RunState run(RunState start, Consumer<RunState> onStep) throws Exception {
        current = start;
        while (!current.phase().over()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("run " + current.runId() + " interrupted");
            }
            current = lifecycle.step(current);
            onStep.accept(current);
            if (!current.phase().over()) {
                clock.parkUntil(clock.nanoTime() + poll.toNanos());
            }
        }
        return current;
    }

    /** The state after the last step (for an interruption that has to record where the run was). */
    public RunState current() {
        return current;
    }
}
