package lab.performance.observatory.lifecycle;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import lab.performance.observatory.core.verdict.RunMetrics;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.RunComparator;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.store.Baseline;
import lab.performance.observatory.store.RunStore;

/**
 * Closes and judges a run, the same way for every front end: marks it completed with how the drain
 * went, lets the executor store what it measured, builds the report from PostgreSQL alone, stores it,
 * compares it with its baseline (never with itself) and stores the verdict, and keeps the change points
 * of its benchmark's history up to date.
 */
public final class RunCloser {

    /** The metrics whose change points are kept per benchmark (the history dashboard's), over its last runs. */
    static final List<String> HISTORY_METRICS = List.of(RunMetrics.THROUGHPUT, "end_to_end_p99_ms", RunMetrics.CPU_PER_EVENT);
    static final double HISTORY_P_VALUE = 0.01;
    static final int HISTORY_RUNS = 200;

    private final RunStore store;

    public RunCloser(RunStore store) {
        this.store = store;
    }

    public RunOutcome close(String runId, RunFacts.Drain drain, Instant endedAt, RunExecutor executor, Optional<String> baselineRef,
                            Thresholds thresholds) throws Exception {
        store.runs().finish(runId, "completed", endedAt, drain);
        RunFacts facts = store.runs().facts(runId).orElseThrow(() -> new IllegalStateException(
                "run " + runId + " has no generation times after completing: its generators recorded nothing"));
        executor.collect(facts);
        audit(facts, executor);
        RunReport report = store.reports().rebuild(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " has no facts"));
        store.runs().saveReport(runId, ReportJson.write(report), executor.reportLocation(runId));
        Optional<Baseline> baseline = baseline(runId, baselineRef);
        Optional<Comparison> comparison = baseline.map(b -> RunComparator.compare(report, b.report(), b.name(), thresholds));
        if (comparison.isPresent()) {
            store.judgements().saveVerdict(comparison.get(), endedAt);
        }
        for (String metric : HISTORY_METRICS) {
            store.judgements().saveChangePoints(report.benchmark(),
                    store.reports().history(report.benchmark(), metric, HISTORY_P_VALUE, HISTORY_RUNS));
        }
        return new RunOutcome(report, baseline, comparison);
    }

    /**
     * The auditor's count of the run's topics, stored for the report to judge (docs/reliability.md).
     * Failing to count leaves the run not audited, which its report says; it does not fail the run.
     */
    private void audit(RunFacts facts, RunExecutor executor) throws SQLException {
        Optional<String> kafka = executor.bootstrapServers();
        if (kafka.isEmpty()) {
            return;
        }
        try {
            store.audits().saveTopicCounts(facts.runId(), new KafkaTopicCounter(kafka.get(), AUDIT_TIMEOUT).count(facts));
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            LOG.warning("run " + facts.runId() + " not audited: " + e.getMessage());
        }
    }

    static final java.time.Duration AUDIT_TIMEOUT = java.time.Duration.ofSeconds(60);
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RunCloser.class.getName());

    private Optional<Baseline> baseline(String runId, Optional<String> ref) throws SQLException {
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        return store.baselines().resolve(ref.get()).filter(b -> !b.runId().equals(runId));
    }
}
