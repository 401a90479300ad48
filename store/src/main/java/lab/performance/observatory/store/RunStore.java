package lab.performance.observatory.store;

import java.sql.SQLException;
import javax.sql.DataSource;
import lab.performance.observatory.core.lifecycle.DrainProgress;

/**
 * The observatory's PostgreSQL, by concern: runs, what generators recorded, what the topology's sink
 * wrote, what the run cost, baselines, and reports rebuilt from all of it. One instance per data
 * source; every part shares its small JDBC helper.
 */
public final class RunStore {

    private final RunRecords runs;
    private final GeneratorRecords generators;
    private final WindowRecords windows;
    private final ResourceRecords resources;
    private final Reports reports;
    private final BaselineRecords baselines;
    private final JudgementRecords judgements;
    private final AuditRecords audits;
    private final FaultRecords faults;
    private final Jdbc jdbc;

    public RunStore(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource);
        this.jdbc = jdbc;
        this.runs = new RunRecords(jdbc);
        this.generators = new GeneratorRecords(jdbc);
        this.windows = new WindowRecords(jdbc);
        this.resources = new ResourceRecords(jdbc);
        this.audits = new AuditRecords(jdbc);
        this.faults = new FaultRecords(jdbc);
        this.reports = new Reports(runs, generators, windows, resources, audits);
        this.baselines = new BaselineRecords(jdbc, reports);
        this.judgements = new JudgementRecords(jdbc);
    }

    public RunRecords runs() {
        return runs;
    }

    public GeneratorRecords generators() {
        return generators;
    }

    public WindowRecords windows() {
        return windows;
    }

    public ResourceRecords resources() {
        return resources;
    }

    public AuditRecords audits() {
        return audits;
    }

    public FaultRecords faults() {
        return faults;
    }

    public Reports reports() {
        return reports;
    }

    public BaselineRecords baselines() {
        return baselines;
    }

    public JudgementRecords judgements() {
        return judgements;
    }

    /** SQL statements this store has executed (a batch counts once): what a query of the API costs, as a counter. */
    public long statementsExecuted() {
        return jdbc.statements();
    }

    /** How far the topology is with what the broker acknowledged to the run's generators (the lifecycle's drain). */
    public DrainProgress drainProgress(String runId) throws SQLException {
        WindowRecords.Processed processed = windows.processed(runId);
        return new DrainProgress(generators.acknowledged(runId), processed.events(), processed.deadLettered());
    }
}
