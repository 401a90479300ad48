package lab.performance.observatory.cli;

import java.sql.SQLException;
import java.util.concurrent.Callable;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.verdict.MetricHistory;
import lab.performance.observatory.core.verdict.RunMetrics;
import lab.performance.observatory.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "history", description = "A metric over stored runs with the change points E-divisive means (t-test, as Apache Otava) finds in it.")
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Option(names = "--metric", required = true, paramLabel = "NAME",
            description = "One of: throughput_eps, end_to_end_p50_ms, end_to_end_p99_ms, end_to_end_p999_ms, publish_p99_ms, schedule_slip_p99_ms, cpu_us_per_event, rss_mb (and the other p50/p99/p999 of each kind).")
    String metric;

    @Option(names = "--spec", paramLabel = "NAME", description = "Only runs of this benchmark (default: all).")
    String benchmark;

    @Option(names = "--p-value", paramLabel = "P", defaultValue = "0.01",
            description = "A change point must reach p below this (Bonferroni-corrected; default: ${DEFAULT-VALUE}).")
    double pValue;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "200", description = "At most the N most recent runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the history as JSON.")
    boolean json;

    @Override
    public Integer call() throws SQLException {
        if (!RunMetrics.names().contains(metric)) {
            throw CliException.badInput("--metric: unknown metric '" + metric + "' (one of " + String.join(", ", RunMetrics.names()) + ")");
        }
        if (!(pValue > 0 && pValue < 1)) {
            throw CliException.badInput("--p-value: must be between 0 and 1, not " + pValue);
        }
        if (limit < 1) {
            throw CliException.badInput("--limit: must be at least 1");
        }
        try (Infrastructure infrastructure = Infrastructure.start(stack, false, stack.dataDir().resolve("logs"), parent.console.withoutSteps())) {
            MetricHistory history = new RunStore(infrastructure.dataSource()).reports().history(benchmark, metric, pValue, limit);
            parent.console.result(json ? ReportJson.writeValue(history) : history.render());
            return 0;
        }
    }
}
