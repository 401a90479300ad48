package lab.performance.observatory.store;

import java.sql.SQLException;
import java.util.Optional;
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

    Reports(RunRecords runs, GeneratorRecords generators, WindowRecords windows, ResourceRecords resources) {
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
                resources.samples(runId), resources.profiles(runId), resources.brokerSamples(runId), resources.lagSamples(runId));
        return Optional.of(ReportBuilder.build(facts.get(), measured));
    }

    /** The report as written when the run ended, if it has the current shape; else rebuilt from the facts. */
    public Optional<RunReport> report(String runId) throws SQLException {
        Optional<RunReport> stored = runs.storedReport(runId);
        return stored.isPresent() ? stored : rebuild(runId);
    }
}
