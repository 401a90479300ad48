package lab.performance.observatory.cli;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.ComparisonTable;
import lab.performance.observatory.core.verdict.Verdict;
import lab.performance.observatory.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "compare", description = "Judges a run against a baseline: per metric the change, a Mann-Whitney U test on per-window samples, and a verdict. Exit 1 on a regression.")
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Mixin
    ThresholdOptions thresholds;

    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--baseline", required = true, paramLabel = "RUN_ID|NAME", description = "A baseline name or a run id.")
    String baseline;

    @Option(names = "--json", description = "Print the comparison as JSON.")
    boolean json;

    @Override
    public Integer call() throws SQLException {
        lab.performance.observatory.core.verdict.Thresholds limits = thresholds.thresholds();
        try (Infrastructure infrastructure = Infrastructure.start(stack, false, stack.dataDir().resolve("logs"), parent.console.withoutSteps())) {
            RunStore store = new RunStore(infrastructure.dataSource());
            Optional<RunReport> candidate = store.reports().report(runId);
            if (candidate.isEmpty()) {
                throw CliException.badInput(store.runs().status(runId).isEmpty() ? "no run " + runId + " (observatory runs lists them)"
                        : "run " + runId + " has no measurements to compare");
            }
            Comparison comparison = Baselines.compare(candidate.get(), Baselines.resolve(store, baseline), limits);
            parent.console.result(json ? ReportJson.writeValue(comparison) : ComparisonTable.render(comparison));
            return comparison.verdict() == Verdict.REGRESSION ? 1 : 0;
        }
    }
}
