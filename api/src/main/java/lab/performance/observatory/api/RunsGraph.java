package lab.performance.observatory.api;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.MetricHistory;
import lab.performance.observatory.core.verdict.RunComparator;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.store.Baseline;
import lab.performance.observatory.store.JudgementRecords;
import lab.performance.observatory.store.RunQuery;
import lab.performance.observatory.store.RunStore;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/**
 * The GraphQL queries at {@code /graphql} over the same store as {@link RunsResource} (docs/api.md,
 * "GraphQL"). Read only: what changes something is REST, behind the token. A list of runs costs a
 * bounded number of statements whatever its length: the page and its count are two, and
 * {@code report} and {@code judgement} are resolved for every run of the list in one statement
 * each ({@code @Source} batching).
 */
@GraphQLApi
public class RunsGraph {

    private final RunStore store;

    public RunsGraph(RunStore store) {
        this.store = store;
    }

    @Query("runs")
    @Description("Stored runs, newest first, filtered, one page at a time (size at most " + RunQuery.MAX_SIZE + ")")
    public GraphModel.RunPage runs(GraphModel.RunFilter filter, @DefaultValue("0") int page, @DefaultValue("50") int size) throws SQLException {
        GraphModel.RunFilter f = filter == null ? new GraphModel.RunFilter() : filter;
        RunQuery query;
        try {
            query = new RunQuery(f.benchmark == null ? null : RunsResource.name("benchmark", f.benchmark), f.status,
                    RunsResource.instant("from", f.from), RunsResource.instant("to", f.to), page, size);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(null, e.getMessage());
        }
        var found = store.runs().find(query);
        return new GraphModel.RunPage(found.runs().stream().map(GraphModel.Run::of).toList(), query.page(), query.size(), found.total());
    }

    @Query("run")
    @Description("One run, or null when there is none of that id")
    public GraphModel.Run run(@NonNull String id) throws SQLException {
        return store.runs().summary(RunsResource.name("id", id)).map(GraphModel.Run::of).orElse(null);
    }

    @Description("The run's report; null while it has no measurements. One statement for a whole list of runs")
    public List<GraphModel.Report> report(@Source List<GraphModel.Run> runs) throws SQLException {
        Map<String, RunReport> stored = store.runs().storedReports(runs.stream().map(GraphModel.Run::runId).toList());
        List<GraphModel.Report> reports = new ArrayList<>(runs.size());
        for (GraphModel.Run run : runs) {
            RunReport report = stored.get(run.runId());
            if (report == null) {
                // no report of the current shape stored (a run still going, or one from before it): built from its facts
                report = store.reports().report(run.runId()).orElse(null);
            }
            reports.add(report == null ? null : new GraphModel.Report(report));
        }
        return reports;
    }

    @Description("What the run was judged against its baseline when it closed; null when it was not judged. One statement for a whole list")
    public List<GraphModel.Judgement> judgement(@Source List<GraphModel.Run> runs) throws SQLException {
        Map<String, JudgementRecords.Verdict> verdicts = store.judgements().verdicts(runs.stream().map(GraphModel.Run::runId).toList());
        return runs.stream().map(r -> verdicts.get(r.runId())).map(v -> v == null ? null : GraphModel.Judgement.of(v)).toList();
    }

    @Description("The report's windows starting in [from, to) (ISO-8601 instants, both optional): counts, latency percentiles and lag")
    public List<RunReport.TimelinePoint> windows(@Source GraphModel.Report report, String from, String to) {
        Instant start = RunsResource.instant("from", from);
        Instant end = RunsResource.instant("to", to);
        return RunsResource.windows(report.report(), start, end);
    }

    @Query("comparison")
    @Description("A run judged against a baseline (a baseline name or a run id) with the default thresholds")
    public Comparison comparison(@NonNull String runId, @NonNull String baseline) throws SQLException {
        RunReport candidate = RunsResource.report(RunsResource.name("runId", runId), store);
        Baseline resolved = store.baselines().resolve(RunsResource.name("baseline", baseline))
                .orElseThrow(() -> ApiProblem.notFound("no baseline or measured run named " + baseline));
        return RunComparator.compare(candidate, resolved.report(), resolved.name(), Thresholds.DEFAULT);
    }

    @Query("baselines")
    @Description("Every named baseline")
    public List<GraphModel.Baseline> baselines() throws SQLException {
        return store.baselines().list().stream().map(GraphModel.Baseline::of).toList();
    }

    @Query("regressions")
    @Description("Runs judged regressions, newest first, of one benchmark or all")
    public List<GraphModel.Judgement> regressions(String benchmark, @DefaultValue("50") int limit) throws SQLException {
        return store.judgements().regressions(benchmark == null ? null : RunsResource.name("benchmark", benchmark), RunsResource.limit(limit))
                .stream().map(GraphModel.Judgement::of).toList();
    }

    @Query("history")
    @Description("A metric over a benchmark's completed runs with the change points E-divisive finds")
    public MetricHistory history(@NonNull @Name("metric") String metric, String benchmark, @DefaultValue("0.01") double pValue,
                                 @DefaultValue("200") int limit) throws SQLException {
        RunsResource.metric(metric);
        RunsResource.pValue(pValue, String.valueOf(pValue));
        return store.reports().history(benchmark == null ? null : RunsResource.name("benchmark", benchmark), metric, pValue,
                RunsResource.limit(limit));
    }
}
