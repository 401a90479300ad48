package lab.performance.observatory.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --drain-timeout}: how long a run waits for the topology to finish what is in flight (run, chaos, soak). */
final class DrainTimeout {

    @Option(names = "--drain-timeout", paramLabel = "DURATION", converter = DurationText.class, defaultValue = "60s",
            description = "How long the topology may take to finish what is in flight after generation stops (default: ${DEFAULT-VALUE}).")
    Duration value;
}
