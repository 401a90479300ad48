package lab.performance.observatory.cli;

import picocli.CommandLine.Command;

/**
 * {@code observatory ceiling SPEC}: {@code run SPEC --ceiling} (docs/measurement.md, "Ceiling") — the
 * run, then raw Kafka and a pass-through Kafka Streams topology at its rate on the same stack,
 * alternated, and the report's ceiling section. Takes every option {@code run} takes.
 */
@Command(name = "ceiling", description = "Runs a PipelineBenchmark, then raw Kafka and a pass-through Kafka Streams topology at its rate on the "
        + "same stack (alternated, --ceiling-repeats times), and reports the run's p99 and CPU per event over theirs (run --ceiling).")
final class CeilingCommand extends RunCommand {

    @Override
    boolean ceiling() {
        return true;
    }
}
