package lab.performance.observatory.api;

import java.time.Instant;
import java.util.List;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.store.BaselineRecords;
import lab.performance.observatory.store.JudgementRecords;
import lab.performance.observatory.store.RunSummary;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/**
 * The GraphQL types over the store's rows and the core's report (docs/api.md, "GraphQL"): the same
 * values the REST resources serve, named the GraphQL way (camelCase). Fields that cost a query
 * ({@code Run.report}, {@code Run.judgement}) are resolved in batches by {@link RunsGraph}.
 */
public final class GraphModel {

    private GraphModel() {
    }

    @Name("Run")
    @Description("A stored run: its summary; report and judgement are fetched for the whole list at once")
    public record Run(String runId, String benchmark, String status, Instant createdAt, Double durationSeconds, Long processed,
                      Double sustainedEps, Double p99Ms, Boolean targetsMet) {

        static Run of(RunSummary s) {
            return new Run(s.runId(), s.benchmark(), s.status(), s.createdAt(), s.durationSeconds(), s.processed(), s.sustainedEps(),
                    s.p99Ms(), s.targetsMet());
        }
    }

    @Name("RunPage")
    @Description("One page of runs, newest first, with how many match in all")
    public record RunPage(List<Run> runs, int page, int size, long total) {
    }

    @Name("RunFilter")
    @Description("Which runs: by benchmark, status and creation time (ISO-8601 instants); every part optional")
    public static class RunFilter {
        public String benchmark;
        public String status;
        public String from;
        public String to;
    }

    @Name("Report")
    @Description("A run's report: the parts of report.json as types, its windows, and the whole document as json")
    public static final class Report {
        private final RunReport report;

        Report(RunReport report) {
            this.report = report;
        }

        RunReport report() {
            return report;
        }

        public String getRunId() {
            return report.runId();
        }

        public String getBenchmark() {
            return report.benchmark();
        }

        public String getStatus() {
            return report.status();
        }

        public RunReport.Timing getTiming() {
            return report.timing();
        }

        public RunReport.EventCounts getEvents() {
            return report.events();
        }

        public RunReport.Throughput getThroughput() {
            return report.throughput();
        }

        public RunReport.Latency getLatencyMs() {
            return report.latencyMs();
        }

        public RunReport.Processing getProcessing() {
            return report.processing();
        }

        public RunReport.Targets getTargets() {
            return report.targets();
        }

        public List<RunReport.HotMethod> getHotMethods() {
            return report.hotMethods();
        }

        @Description("The whole report: the same JSON as report.json and GET /api/v1/runs/{id}/report")
        public String getJson() {
            return ReportJson.write(report);
        }
    }

    @Name("Judgement")
    @Description("What the lifecycle judged when the run closed: its verdict against a baseline and the metrics that regressed")
    public record Judgement(String runId, String baselineName, String baselineRunId, String verdict, List<String> regressed,
                            Instant judgedAt) {

        static Judgement of(JudgementRecords.Verdict v) {
            return new Judgement(v.runId(), v.baselineName(), v.baselineRunId(), v.verdict(), v.regressed(), v.judgedAt());
        }
    }

    @Name("Baseline")
    @Description("A named baseline and the run it points at")
    public record Baseline(String name, String runId, Instant setAt) {

        static Baseline of(BaselineRecords.Named n) {
            return new Baseline(n.name(), n.runId(), n.setAt());
        }
    }
}
