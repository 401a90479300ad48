package lab.performance.observatory.core.lifecycle;

/** What a run's generators are doing, as their executor reports it. */
public sealed interface GeneratorState {

    /** Some instances still send; {@code succeeded} of {@code instances} are done. */
    record Sending(int active, int succeeded, int instances) implements GeneratorState {
    }

    /** Every instance finished and recorded what it sent. */
    record Finished(int instances) implements GeneratorState {
    }

    /** An instance failed: the run cannot add up any more. */
    record Failed(String reason) implements GeneratorState {
    }

    /** The generators are gone without having finished (deleted, never started). */
    record Missing(String reason) implements GeneratorState {
    }
}
