package lab.performance.observatory.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.performance.observatory.core.verdict.MetricHistory;
import lab.performance.observatory.core.verdict.RunMetric;
import lab.performance.observatory.core.verdict.RunMetrics;
import lab.performance.observatory.core.report.Measurements;
import lab.performance.observatory.core.report.ReportBuilder;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunReport;

/** A run's report from what PostgreSQL holds: everything a report needs is stored, so it can always be rebuilt. */
public final class Reports {

    private final RunRecords runs;
    private final GeneratorRecords generators;
    private final WindowRecords windows;
    private final ResourceRecords resources;

    private final AuditRecords audits;

    Reports(RunRecords runs, GeneratorRecords generators, WindowRecords windows, ResourceRecords resources, AuditRecords audits) {
        this.audits = audits;
        this.runs = runs;
        this.generators = generators;
        this.windows = windows;
        this.resources = resources;
    }

    /** The report rebuilt from stored facts alone; empty if the run is unknown or was never measured. */
    public Optional<RunReport> rebuild(String runId) throws SQLException {
        Optional<RunFacts> facts = runs.facts(runId);
        if (facts.isEmpty()) {
            return Optional.empty();
        }
        Measurements measured = new Measurements(generators.totals(runId), windows.windows(runId), generators.windows(runId),
                resources.samples(runId), resources.profiles(runId), resources.brokerSamples(runId), resources.lagSamples(runId),
                audits.topicCounts(runId), windows.replaysSkipped(runId), resources.cpuCounters(runId),
                resources.ceilingProbes(runId), resources.ceilingMaxRates(runId));
        return Optional.of(ReportBuilder.build(facts.get(), measured));
    }

    /**
     * One metric over the most recent {@code limit} completed runs of a benchmark (all when null),
     * oldest first, with its change points at {@code pValue}.
     */
    public MetricHistory history(String benchmark, String metric, double pValue, int limit) throws SQLException {
        List<MetricHistory.Point> points = new ArrayList<>();
        for (String runId : runs.completed(benchmark, limit)) {
            RunReport report = report(runId).orElse(null);
            if (report == null) {
                continue;
            }
            Map<String, RunMetric> metrics = RunMetrics.of(report);
            points.add(new MetricHistory.Point(runId, report.timing().generationStartedAt(), report.environment().get("git_commit"),
                    metrics.get(metric).value()));
        }
        return MetricHistory.of(metric, points, pValue);
    }

    /** The report as written when the run ended, if it has the current shape; else rebuilt from the facts. */
    public Optional<RunReport> report(String runId) throws SQLException {
        Optional<RunReport> stored = runs.storedReport(runId);
        return stored.isPresent() ? stored : rebuild(runId);
    }
}
