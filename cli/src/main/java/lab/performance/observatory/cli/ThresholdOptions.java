package lab.performance.observatory.cli;

import lab.performance.observatory.core.verdict.Thresholds;
import picocli.CommandLine.Option;

/** Regression thresholds on the command line; the defaults are {@link Thresholds#DEFAULT}. */
final class ThresholdOptions {

    @Option(names = "--max-throughput-drop", paramLabel = "PERCENT", defaultValue = "5",
            description = "A throughput drop larger than this is a regression (default: ${DEFAULT-VALUE} %%).")
    double throughputDrop;

    @Option(names = "--max-latency-rise", paramLabel = "PERCENT", defaultValue = "10",
            description = "A latency percentile rising more than this is a regression (default: ${DEFAULT-VALUE} %%).")
    double latencyRise;

    @Option(names = "--latency-floor", paramLabel = "MS", defaultValue = "1.0",
            description = "Latency changes smaller than this many milliseconds never count (default: ${DEFAULT-VALUE}).")
    double latencyFloor;

    @Option(names = "--max-resource-rise", paramLabel = "PERCENT", defaultValue = "10",
            description = "CPU per event or RSS rising more than this is a regression (default: ${DEFAULT-VALUE} %%).")
    double resourceRise;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.01",
            description = "Significance level of the Mann-Whitney U test on per-window samples (default: ${DEFAULT-VALUE}).")
    double alpha;

    Thresholds thresholds() {
        try {
            return new Thresholds(throughputDrop, latencyRise, latencyFloor, resourceRise, alpha);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
    }
}
