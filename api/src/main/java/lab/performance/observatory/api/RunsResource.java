package lab.performance.observatory.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.InvalidSpecException;
import lab.performance.observatory.core.verdict.RunComparator;
import lab.performance.observatory.core.verdict.RunMetrics;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.store.Baseline;
import lab.performance.observatory.store.RunQuery;
import lab.performance.observatory.store.RunRecords;
import lab.performance.observatory.store.RunStore;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Stored runs, their reports, comparisons, histories and plans under {@code /api/v1}, as JSON in the
 * snake_case the reports are written in (one serialiser: a report here is byte for byte its
 * {@code report.json}). Reads; the one change so far, naming a baseline, is {@link BaselinesResource}.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    /** What a run id or a benchmark name may look like (the CLI's and the operator's ids do). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final RunStore store;
    private final RunLauncher launcher;
    private final ApiSettings settings;

    public RunsResource(RunStore store, RunLauncher launcher, ApiSettings settings) {
        this.store = store;
        this.launcher = launcher;
        this.settings = settings;
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Stored runs, newest first, by benchmark, status and creation time, one page at a time")
    public String runs(@QueryParam("benchmark") String benchmark, @QueryParam("status") String status, @QueryParam("from") String from,
                       @QueryParam("to") String to, @QueryParam("page") @DefaultValue("0") String page,
                       @QueryParam("size") @DefaultValue("50") String size) throws SQLException {
        RunQuery query;
        try {
            query = new RunQuery(benchmark == null ? null : name("benchmark", benchmark), status, instant("from", from), instant("to", to),
                    number("page", page), number("size", size));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw ApiProblem.badRequest(message.substring(0, message.indexOf(':')), message);
        }
        RunRecords.Page found = store.runs().find(query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", found.runs());
        body.put("page", query.page());
        body.put("size", query.size());
        body.put("total", found.total());
        return ReportJson.writeValue(body);
    }

    @GET
    @Path("/runs/{id}")
    @Operation(summary = "One run's summary")
    public String run(@PathParam("id") String id) throws SQLException {
        var summary = store.runs().summary(name("id", id));
        if (summary.isPresent()) {
            return ReportJson.writeValue(summary.get());
        }
        // started here, not recorded yet: starting while its process lives, else failed before it was (its last words say why)
        RunLauncher.Launch launch = launcher.launch(id).orElseThrow(() -> noRun(id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", id);
        body.put("status", RunLaunches.unrecordedStatus(launch.alive()));
        body.put("created_at", launch.startedAt());
        if (!launch.alive()) {
            body.put("detail", String.join("\n", launch.tail(5)));
        }
        return ReportJson.writeValue(body);
    }

    @GET
    @Path("/runs/{id}/report")
    @Operation(summary = "A run's report: the same JSON as its report.json")
    public String report(@PathParam("id") String id) throws SQLException {
        return ReportJson.write(report(name("id", id), store));
    }

    @GET
    @Path("/runs/{id}/windows")
    @Operation(summary = "A run's windows between from and to (both optional): counts, latency percentiles and lag per window")
    public String windows(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) throws SQLException {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        return ReportJson.writeValue(windows(report(name("id", id), store), start, end));
    }

    /** The report's windows starting in [start, end): its timeline, every window's histograms merged once when the report was built. */
    static java.util.List<RunReport.TimelinePoint> windows(RunReport report, Instant start, Instant end) {
        if (start != null && end != null && start.isAfter(end)) {
            throw ApiProblem.badRequest("from", "from: " + start + " is after to " + end);
        }
        return report.timeline().stream().filter(p -> {
            Instant at = Instant.parse(p.windowStart());
            return (start == null || !at.isBefore(start)) && (end == null || at.isBefore(end));
        }).toList();
    }

    @GET
    @Path("/regressions")
    @Operation(summary = "Runs judged regressions against their baselines when they closed, newest first, with the metrics that regressed")
    public String regressions(@QueryParam("benchmark") String benchmark, @QueryParam("limit") @DefaultValue("50") String limit)
            throws SQLException {
        return ReportJson.writeValue(store.judgements().regressions(benchmark == null ? null : name("benchmark", benchmark),
                limit(number("limit", limit))));
    }

    @GET
    @Path("/runs/{id}/artifacts/{name}")
    @Produces({"text/html", MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "One of a run's artifacts (flamegraphs, flight recordings) by the name its report lists it under")
    public jakarta.ws.rs.core.Response artifact(@PathParam("id") String id, @PathParam("name") String name) throws SQLException {
        var facts = store.runs().facts(name("id", id)).orElseThrow(() -> noRun(id));
        String path = facts.artifacts().get(name("name", name));
        if (path == null) {
            throw ApiProblem.notFound("run " + id + " has no artifact " + name + " (it has: " + String.join(", ", new java.util.TreeSet<>(
                    facts.artifacts().keySet())) + ")");
        }
        // only a path the run itself recorded is ever read, never one from the request
        java.nio.file.Path file = java.nio.file.Path.of(path);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw ApiProblem.notFound("artifact " + name + " of run " + id + " is no longer on this machine (" + file.getFileName() + ")");
        }
        String type = path.endsWith(".html") ? "text/html; charset=utf-8" : path.endsWith(".json") ? MediaType.APPLICATION_JSON
                : MediaType.APPLICATION_OCTET_STREAM;
        return jakarta.ws.rs.core.Response.ok(file.toFile(), type).build();
    }

    @GET
    @Path("/benchmark/{name}/report")
    @Operation(summary = "The report of a benchmark's latest completed run")
    public String latestReport(@PathParam("name") String benchmark) throws SQLException {
        String runId = store.runs().latestCompleted(name("name", benchmark))
                .orElseThrow(() -> ApiProblem.notFound("benchmark " + benchmark + " has no completed run"));
        return ReportJson.write(report(runId, store));
    }

    @GET
    @Path("/performance")
    @Operation(summary = "The active run's figures so far (its report rebuilt from what is stored now), or the latest completed run's")
    public String performance() throws SQLException {
        var active = store.runs().find(new RunQuery(null, "running", null, null, 0, 1)).runs();
        var chosen = active.isEmpty() ? store.runs().find(new RunQuery(null, "completed", null, null, 0, 1)).runs() : active;
        if (chosen.isEmpty()) {
            throw ApiProblem.notFound("no run yet: start one with POST /api/v1/runs or bin/observatory run");
        }
        String runId = chosen.get(0).runId();
        Optional<RunReport> report = store.reports().report(runId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", runId);
        body.put("benchmark", chosen.get(0).benchmark());
        body.put("status", chosen.get(0).status());
        body.put("active", !active.isEmpty());
        body.put("report", "/api/v1/runs/" + runId + "/report");
        report.ifPresent(r -> {
            body.put("events", r.events());
            body.put("throughput", r.throughput());
            body.put("latency_ms", r.latencyMs());
            body.put("targets", r.targets());
            body.put("last_window", r.timeline().isEmpty() ? null : r.timeline().get(r.timeline().size() - 1));
        });
        return ReportJson.writeValue(body);
    }

    @GET
    @Path("/runs/{id}/comparison")
    @Operation(summary = "A run judged against a baseline (a baseline name or a run id) with the default thresholds")
    public String comparison(@PathParam("id") String id, @QueryParam("baseline") String baseline) throws SQLException {
        RunReport candidate = report(name("id", id), store);
        if (baseline == null || baseline.isBlank()) {
            throw ApiProblem.badRequest("baseline", "baseline: name the baseline (or run id) to compare with");
        }
        Baseline resolved = store.baselines().resolve(name("baseline", baseline))
                .orElseThrow(() -> ApiProblem.notFound("no baseline or measured run named " + baseline));
        return ReportJson.writeValue(RunComparator.compare(candidate, resolved.report(), resolved.name(), Thresholds.DEFAULT));
    }

    @GET
    @Path("/history")
    @Operation(summary = "A metric over a benchmark's completed runs with the change points E-divisive finds")
    public String history(@QueryParam("metric") String metric, @QueryParam("benchmark") String benchmark,
                          @QueryParam("p_value") @DefaultValue("0.01") String pValue, @QueryParam("limit") @DefaultValue("200") String limit)
            throws SQLException {
        metric(metric);
        double p;
        try {
            p = Double.parseDouble(pValue);
        } catch (NumberFormatException e) {
            p = Double.NaN;
        }
        return ReportJson.writeValue(store.reports().history(benchmark == null ? null : name("benchmark", benchmark), metric,
                pValue(p, pValue), limit(number("limit", limit))));
    }

    @POST
    @Path("/plan")
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "The plan for a posted spec (JSON or YAML) on a cluster of the given brokers: a dry run, nothing starts")
    public String plan(String body, @QueryParam("brokers") @DefaultValue("3") String brokers,
                       @QueryParam("replica_cpu") @DefaultValue("1.0") String replicaCpu) throws InvalidSpecException {
        BenchmarkSpec spec = PostedSpecs.read(body, settings.profilesDir()).spec();
        int b = number("brokers", brokers);
        double cpu;
        try {
            cpu = Double.parseDouble(replicaCpu);
        } catch (NumberFormatException e) {
            cpu = Double.NaN;
        }
        if (b < 1 || b > 1000) {
            throw ApiProblem.badRequest("brokers", "brokers: must be between 1 and 1000, not " + b);
        }
        if (!(cpu > 0 && cpu <= 256)) {
            throw ApiProblem.badRequest("replica_cpu", "replica_cpu: must be a number of cores above 0, not '" + replicaCpu + "'");
        }
        return ReportJson.writeValue(Planner.plan(spec, "obs." + spec.name(), Cluster.kubernetes(b, cpu), CapacityModel.DEFAULT));
    }

    static RunReport report(String runId, RunStore store) throws SQLException {
        Optional<RunReport> report = store.reports().report(runId);
        if (report.isPresent()) {
            return report.get();
        }
        throw store.runs().status(runId).isPresent() ? ApiProblem.notFound("run " + runId + " has no measurements yet") : noRun(runId);
    }

    private static ApiProblem noRun(String id) {
        return ApiProblem.notFound("no run " + id);
    }

    static String name(String field, String value) {
        if (!NAME.matcher(value).matches()) {
            throw ApiProblem.badRequest(field, field + ": '" + (value.length() > 60 ? value.substring(0, 60) + "..." : value)
                    + "' is not a run id or name (letters, digits, '.', '_', '-'; at most 200)");
        }
        return value;
    }

    static String metric(String metric) {
        if (metric == null || !RunMetrics.names().contains(metric)) {
            throw ApiProblem.badRequest("metric", "metric: one of " + String.join(", ", RunMetrics.names())
                    + (metric == null ? "" : ", not '" + metric + "'"));
        }
        return metric;
    }

    static double pValue(double p, String given) {
        if (!(p > 0 && p < 1)) {
            throw ApiProblem.badRequest("p_value", "p_value: must be a number between 0 and 1, not '" + given + "'");
        }
        return p;
    }

    static int limit(int n) {
        if (n < 1 || n > RunQuery.MAX_SIZE) {
            throw ApiProblem.badRequest("limit", "limit: must be between 1 and " + RunQuery.MAX_SIZE + ", not " + n);
        }
        return n;
    }

    static int number(String field, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(field, field + ": must be a whole number, not '" + value + "'");
        }
    }

    static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, field + ": must be an ISO-8601 instant such as 2026-12-02T10:00:00Z, not '" + value + "'");
        }
    }
}
