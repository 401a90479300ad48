package lab.performance.observatory.lifecycle;

import java.util.Map;
import java.util.Optional;
import lab.performance.observatory.core.lifecycle.GeneratorState;
import lab.performance.observatory.core.lifecycle.Readiness;
import lab.performance.observatory.core.report.RunFacts;

/**
 * Where a run executes: the seam between the one lifecycle ({@link BenchmarkLifecycle}) and a stack,
 * as OpenMessaging Benchmark's {@code Worker} is between its workload generator and a driver. The
 * CLI's executor runs processes on this machine against an embedded or given Kafka; the operator's
 * applies Kubernetes objects. Every method may be called again; each must be safe to repeat.
 */
public interface RunExecutor {

    /** Makes the run's topics and topology exist as planned; called on every step until the run is over. */
    void provision(RunState run) throws Exception;

    /** How far provisioning is. */
    Readiness readiness(RunState run) throws Exception;

    /**
     * Generators of this benchmark already sending that the lifecycle lost track of (an operator
     * restarted, or read a status older than its last write), to carry on with instead of starting a
     * second run; empty where that cannot happen.
     *
     * @throws RunRefusedException when what is there belongs to someone else
     */
    default Optional<StartedGenerators> alreadyGenerating() throws RunRefusedException {
        return Optional.empty();
    }

    /** Starts {@code instances} generators of the run; each reads the run's spec from PostgreSQL and sends its share. */
    void startGenerators(RunState run, int instances) throws Exception;

    GeneratorState generators(RunState run) throws Exception;

    /**
     * Why the run's topology stopped for good, if it did (its process exited unasked, as it does when
     * Kafka Streams fails); empty while it runs, and where something restarts it (a Deployment).
     */
    default Optional<String> topologyStopped(RunState run) {
        return Optional.empty();
    }

    /** Stops the generators of a run that is given up (failed, aborted, superseded). */
    void stopGenerators(RunState run);

    /** While generating and draining: records what the run's components use, where the executor samples on each step. */
    default void sample(RunState run) {
    }

    /** Before the report is built: stops what measures the run and stores what it measured (samples, profiles, files). */
    void collect(RunFacts facts) throws Exception;

    /** The run is over: gives back what it holds (processes, replicas, topics). */
    void release(RunState run);

    /** Where and how the run executes, recorded with it: comparisons across environments are flagged. */
    Map<String, String> environment();

    /** The Kafka the run's topics are on, for the auditor's own count of them (docs/reliability.md); empty: not audited. */
    default java.util.Optional<String> bootstrapServers() {
        return java.util.Optional.empty();
    }

    /** Where the report is written besides PostgreSQL, or null. */
    default String reportLocation(String runId) {
        return null;
    }

    /** Generators found running for {@code runId}, started at {@code startedAt}. */
    record StartedGenerators(String runId, int instances, java.time.Instant startedAt) {
    }
}
