package lab.performance.observatory.cli;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.store.Baseline;
import lab.performance.observatory.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "baseline", description = "Names baselines: the runs later runs are judged against.",
        subcommands = {BaselineCommand.Set.class})
final class BaselineCommand implements Runnable {

    @ParentCommand
    ObservatoryCli parent;

    @Override
    public void run() {
        throw CliException.badInput("name a baseline command: set");
    }

    @Command(name = "set", description = "Makes RUN_ID the baseline NAME (default: the run's benchmark name); a spec's comparison_baseline names one.")
    static final class Set implements Callable<Integer> {

        @ParentCommand
        BaselineCommand baseline;

        @Mixin
        StackOptions stack;

        @Parameters(index = "0", paramLabel = "RUN_ID")
        String runId;

        @Option(names = "--name", paramLabel = "NAME", description = "The baseline's name (default: the run's benchmark).")
        String name;

        @Override
        public Integer call() throws SQLException {
            if (name != null && name.isBlank()) {
                throw CliException.badInput("--name: a baseline name cannot be blank");
            }
            Console console = baseline.parent.console;
            try (Infrastructure infrastructure = Infrastructure.start(stack, false, stack.dataDir().resolve("logs"), console.withoutSteps())) {
                RunStore store = new RunStore(infrastructure.dataSource());
                Optional<RunReport> report = store.reports().report(runId);
                if (report.isEmpty()) {
                    throw CliException.badInput(store.runs().status(runId).isEmpty() ? "no run " + runId + " (observatory runs lists them)"
                            : "run " + runId + " has no measurements and cannot be a baseline");
                }
                if (!"completed".equals(report.get().status())) {
                    throw CliException.badInput("run " + runId + " ended " + report.get().status() + "; only a completed run can be a baseline");
                }
                String baselineName = name == null ? report.get().benchmark() : name;
                store.baselines().set(baselineName, runId);
                console.result("Baseline " + baselineName + " is now run " + runId + "\n");
                return 0;
            }
        }
    }
}
