package lab.performance.observatory.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate", description = "Checks a PipelineBenchmark without starting anything.")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    ObservatoryCli parent;

    @Parameters(index = "0", paramLabel = "SPEC.yaml")
    Path specFile;

    @Override
    public Integer call() {
        BenchmarkSpec spec = SpecFiles.load(specFile);
        parent.console.result(specFile + ": valid: " + LocalRun.describe(spec) + "\n");
        return 0;
    }
}
