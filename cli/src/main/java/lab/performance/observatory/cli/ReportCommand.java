package lab.performance.observatory.cli;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.report.SummaryTable;
import lab.performance.observatory.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "report", description = "Rebuilds a run's report from PostgreSQL alone.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "RUN_ID")
    String runId;

    @Option(names = "--json", description = "Print the report as JSON (the same document as the run's report.json).")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the HTML report (charts, flamegraph links) to FILE.")
    java.nio.file.Path html;

    @Override
    public Integer call() throws SQLException {
        try (Infrastructure infrastructure = Infrastructure.start(stack, false, stack.dataDir().resolve("logs"), parent.console.withoutSteps())) {
            RunStore store = new RunStore(infrastructure.dataSource());
            Optional<RunReport> report = store.reports().rebuild(runId);
            if (report.isEmpty()) {
                Optional<String> status = store.runs().status(runId);
                throw CliException.badInput(status.isEmpty()
                        ? "no run " + runId + " (observatory runs lists them)"
                        : "run " + runId + " has no measurements: it ended " + status.get() + " before generation finished");
            }
            parent.console.result(json ? ReportJson.write(report.get()) : SummaryTable.render(report.get()));
            if (html != null) {
                try {
                    ReportFiles.writeHtml(html, report.get(), null, null);
                } catch (java.io.IOException e) {
                    throw CliException.badInput("--html: cannot write " + html + ": " + e.getMessage());
                }
            }
            return report.get().targets().met() ? 0 : 1;
        }
    }
}
