package lab.performance.observatory.cli;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lab.performance.observatory.store.RunStore;
import lab.performance.observatory.store.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "runs", description = "Lists stored runs, newest first.")
final class RunsCommand implements Callable<Integer> {

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Option(names = "--limit", defaultValue = "20", description = "How many runs to list (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws SQLException {
        if (limit < 1) {
            throw CliException.badInput("--limit must be at least 1 (got " + limit + ")");
        }
        try (Infrastructure infrastructure = Infrastructure.start(stack, false, stack.dataDir().resolve("logs"), parent.console.withoutSteps())) {
            List<RunSummary> runs = new RunStore(infrastructure.dataSource()).runs().list(limit);
            if (runs.isEmpty()) {
                parent.console.result("No runs yet: try observatory run load-profiles/baseline.yaml\n");
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"run", "benchmark", "status", "started (UTC)", "seconds", "processed", "sustained eps", "p99 ms", "targets"});
            for (RunSummary r : runs) {
                rows.add(new String[] {r.runId(), r.benchmark(), r.status(), r.createdAt().toString().substring(0, 19).replace('T', ' '),
                        r.durationSeconds() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.durationSeconds()),
                        r.processed() == null ? "-" : String.format(Locale.ROOT, "%,d", r.processed()),
                        r.sustainedEps() == null ? "-" : String.format(Locale.ROOT, "%,.0f", r.sustainedEps()),
                        r.p99Ms() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.p99Ms()),
                        r.targetsMet() == null ? "-" : r.targetsMet() ? "met" : "missed"});
            }
            parent.console.result(lab.performance.observatory.core.report.SummaryTable.table(rows, -1));
            return 0;
        }
    }
}
