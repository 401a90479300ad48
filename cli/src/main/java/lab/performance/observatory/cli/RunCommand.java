package lab.performance.observatory.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", description = "Runs a PipelineBenchmark: generator -> Kafka -> topology -> PostgreSQL, then prints and writes the report.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The PipelineBenchmark to run.")
    Path specFile;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationText.class,
            description = "Run for this long instead of the spec's duration, e.g. 30s or 2m.")
    Duration duration;

    @Option(names = "--out", paramLabel = "DIR", description = "Where report.json and the logs go (default: DATA_DIR/runs/RUN_ID).")
    Path out;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", converter = DurationText.class, defaultValue = "60s",
            description = "How long the topology may take to finish what is in flight after generation stops (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--keep-topics", description = "Keep the run's input topics afterwards (they are deleted by default).")
    boolean keepTopics;

    @Override
    public Integer call() {
        BenchmarkSpec spec = SpecFiles.load(specFile);
        if (duration != null) {
            spec = spec.withDuration(duration);
        }
        String runId = RunNaming.newRunId(spec.name(), Instant.now(), ThreadLocalRandom.current());
        Path runDir = out != null ? out.toAbsolutePath() : stack.dataDir().resolve("runs").resolve(runId);
        RunReport report = new BenchmarkRunner(spec, runId, runDir, stack,
                new BenchmarkRunner.Options(drainTimeout, keepTopics), parent.console).run();
        return report.targets().met() ? 0 : 1;
    }
}
