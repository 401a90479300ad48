package lab.performance.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.stack.EmbeddedStack;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunQuery;
import lab.performance.observatory.store.RunStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API on a real PostgreSQL holding stored runs: what it serves equals what the store
 * holds, pages and filters select what they say, and bad requests get a problem body naming the
 * field at fault, never a 5xx.
 */
@QuarkusTest
@TestProfile(WithToken.class)
@QuarkusTestResource(StoredRunsResource.class)
class ApiIT extends ApiClient {

    static final String BENCHMARK = "api-" + UUID.randomUUID().toString().substring(0, 8);
    static final List<String> RUNS = new ArrayList<>();
    static RunStore store;

    static final String SPEC = StoredRuns.spec(BENCHMARK);

    /** Three completed runs of one benchmark, each with the report the store builds from its windows. */
    @BeforeAll
    static void plant() throws Exception {
        ObservatoryDatabase.migrate(EmbeddedStack.get().dataSource());
        store = new RunStore(EmbeddedStack.get().dataSource());
        RUNS.addAll(StoredRuns.plant(store, BENCHMARK, 3));
        store.baselines().set(BENCHMARK + "-base", RUNS.get(2));
    }

    @Test
    void runsArePagedNewestFirstAndFilteredByBenchmarkStatusAndTime() throws Exception {
        JsonNode all = json(get("/api/v1/runs?benchmark=" + BENCHMARK));
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("runs")).extracting(r -> r.get("run_id").asText()).containsExactlyElementsOf(RUNS);
        assertThat(all.at("/runs/0/sustained_eps").asDouble()).isPositive();

        JsonNode second = json(get("/api/v1/runs?benchmark=" + BENCHMARK + "&size=2&page=1"));
        assertThat(second.get("runs")).extracting(r -> r.get("run_id").asText()).containsExactly(RUNS.get(2));
        assertThat(json(get("/api/v1/runs?benchmark=" + BENCHMARK + "&status=aborted")).get("total").asLong()).isZero();
        // runs.created_at is when the row was written (now), so a window around now holds all three
        String from = URLEncoder.encode(Instant.now().minusSeconds(3600).toString(), StandardCharsets.UTF_8);
        assertThat(json(get("/api/v1/runs?benchmark=" + BENCHMARK + "&from=" + from)).get("total").asLong()).isEqualTo(3);

        JsonNode one = json(get("/api/v1/runs/" + RUNS.get(0)));
        assertThat(one.get("benchmark").asText()).isEqualTo(BENCHMARK);
        assertThat(one.get("status").asText()).isEqualTo("completed");
    }

    @Test
    void aReportIsExactlyTheStoredOneAndABenchmarksLatestIsItsNewestCompletedRun() throws Exception {
        String stored = ReportJson.write(store.reports().report(RUNS.get(1)).orElseThrow());
        HttpResponse<String> r = get("/api/v1/runs/" + RUNS.get(1) + "/report");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(stored);
        assertThat(json(get("/api/v1/benchmark/" + BENCHMARK + "/report")).get("run_id").asText()).isEqualTo(RUNS.get(0));
    }

    @Test
    void aRunIsJudgedAgainstABaselineAndAMetricHasAHistory() throws Exception {
        JsonNode comparison = json(get("/api/v1/runs/" + RUNS.get(0) + "/comparison?baseline=" + BENCHMARK + "-base"));
        assertThat(comparison.get("baseline_run_id").asText()).isEqualTo(RUNS.get(2));
        assertThat(comparison.get("verdict").asText()).isNotBlank();
        assertThat(comparison.get("metrics")).isNotEmpty();
        JsonNode history = json(get("/api/v1/history?metric=throughput_eps&benchmark=" + BENCHMARK));
        assertThat(history.get("points")).hasSize(3);
        assertThat(json(get("/api/v1/baselines"))).anySatisfy(b -> assertThat(b.get("name").asText()).isEqualTo(BENCHMARK + "-base"));
        // the later runs were judged against the first when they closed: the slower ones are regressions
        JsonNode regressions = json(get("/api/v1/regressions?benchmark=" + BENCHMARK));
        assertThat(regressions).extracting(n -> n.get("run_id").asText())
                .containsExactlyElementsOf(store.judgements().regressions(BENCHMARK, 50).stream().map(v -> v.runId()).toList());
        assertThat(regressions).isNotEmpty().allSatisfy(n -> assertThat(n.get("regressed")).isNotEmpty());
        assertProblem(get("/api/v1/regressions?limit=0"), 400, "limit", "between 1 and 500");
    }

    @Test
    void performanceIsTheActiveRunsFiguresElseTheLatestCompletedRuns() throws Exception {
        String latest = store.runs().find(new RunQuery(null, "completed", null, null, 0, 1)).runs().get(0).runId();
        JsonNode idle = json(get("/api/v1/performance"));
        assertThat(idle.get("run_id").asText()).isEqualTo(latest);
        assertThat(idle.get("active").asBoolean()).isFalse();
        var report = store.reports().report(latest).orElseThrow();
        assertThat(idle.at("/throughput/sustained_eps").asDouble()).isEqualTo(report.throughput().sustainedEps());
        assertThat(idle.at("/latency_ms/end_to_end/p99").asDouble()).isEqualTo(report.latencyMs().endToEnd().p99());
        assertThat(idle.at("/last_window/window_start").asText()).isEqualTo(report.timeline().get(report.timeline().size() - 1).windowStart());

        String running = BENCHMARK + "-live-running";
        store.runs().create(running, SpecParser.parse(StoredRuns.spec(BENCHMARK + "-live")), null, Map.of());
        store.runs().recordGenerationStart(running, Instant.now());
        try {
            JsonNode active = json(get("/api/v1/performance"));
            assertThat(active.get("run_id").asText()).isEqualTo(running);
            assertThat(active.get("active").asBoolean()).isTrue();
            assertThat(active.get("status").asText()).isEqualTo("running");
        } finally {
            store.runs().abandon(running, "aborted", Instant.now());
        }
    }

    @Test
    void aRunsWindowsAreItsReportsTimelineBetweenFromAndTo() throws Exception {
        var timeline = store.reports().report(RUNS.get(0)).orElseThrow().timeline();
        String from = timeline.get(3).windowStart();
        String to = timeline.get(7).windowStart();
        JsonNode windows = json(get("/api/v1/runs/" + RUNS.get(0) + "/windows?from=" + from + "&to=" + to));
        assertThat(windows).extracting(w -> w.get("window_start").asText())
                .containsExactlyElementsOf(timeline.subList(3, 7).stream().map(p -> p.windowStart()).toList());
        assertThat(windows.get(0).at("/end_to_end_ms/p99").asDouble()).isEqualTo(timeline.get(3).endToEndMs().p99());
        assertThat(json(get("/api/v1/runs/" + RUNS.get(0) + "/windows"))).hasSize(timeline.size());
        assertProblem(get("/api/v1/runs/" + RUNS.get(0) + "/windows?from=" + to + "&to=" + from), 400, "from", "is after to");
    }

    @Test
    void namingABaselineNeedsTheTokenAndACompletedRun() throws Exception {
        String body = "{\"name\": \"" + BENCHMARK + "-named\", \"run_id\": \"" + RUNS.get(1) + "\"}";
        HttpResponse<String> missing = post("/api/v1/baselines", "application/json", body);
        assertProblem(missing, 401, null, "Bearer");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertProblem(post("/api/v1/baselines", "application/json", body, "Bearer wrong"), 403, null, "not the API's token");
        String token = "Bearer " + WithToken.TOKEN;
        HttpResponse<String> created = post("/api/v1/baselines", "application/json", body, token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(store.baselines().runOf(BENCHMARK + "-named")).hasValue(RUNS.get(1));
        assertProblem(post("/api/v1/baselines", "application/json", "{\"name\": \"x\", \"run\": \"y\"}", token), 400, "run", "unknown field");
        assertProblem(post("/api/v1/baselines", "application/json", "{\"name\": \"x\"}", token), 400, "run_id", "required");
        assertProblem(post("/api/v1/baselines", "application/json", "{\"name\": \"x\", \"run_id\": \"nope\"}", token), 404, null, "no run nope");
        assertProblem(post("/api/v1/baselines", "application/json", "[1,", token), 400, null, "must be JSON");
    }

    @Test
    void startingARunNeedsTheTokenAValidSpecAndALauncher() throws Exception {
        String token = "Bearer " + WithToken.TOKEN;
        assertProblem(post("/api/v1/runs", "application/yaml", SPEC), 401, null, "Bearer");
        assertProblem(post("/api/v1/runs", "application/yaml", SPEC, "Bearer nope"), 403, null, "not the API's token");
        assertProblem(post("/api/v1/runs", "application/yaml", SPEC.replace("generation_rate: 1000", "generation_rate: -1"), token), 400,
                "spec.data_sources[0].generation_rate", "generation_rate");
        assertProblem(post("/api/v1/runs", "application/yaml", "", token), 400, null, "PipelineBenchmark spec");
        // this test's API has no launcher configured: it says so instead of pretending
        assertProblem(post("/api/v1/runs", "application/yaml", SPEC, token), 503, null, "set observatory.api.runner");
        assertProblem(delete("/api/v1/runs/" + RUNS.get(0), token), 409, null, "is not going here (it is completed)");
        assertProblem(delete("/api/v1/runs/never-was", token), 404, null, "no run never-was");
        assertProblem(delete("/api/v1/runs/" + RUNS.get(0), null), 401, null, "Bearer");
        assertThat(json(get("/api/v1/runs?benchmark=" + BENCHMARK)).get("total").asLong()).as("nothing was started").isEqualTo(3);
    }

    @Test
    void aPostedSpecIsPlannedWithoutStartingAnything() throws Exception {
        HttpResponse<String> r = post("/api/v1/plan?brokers=3", "application/yaml", SPEC);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode plan = json(r);
        assertThat(plan.get("topics")).isNotEmpty();
        assertThat(plan.at("/topics/0/partitions/reason").asText()).isNotBlank();
        assertThat(json(get("/api/v1/runs?benchmark=" + BENCHMARK)).get("total").asLong()).as("nothing was started").isEqualTo(3);
    }

    @Test
    void badRequestsGetAProblemNamingWhatToFix() throws Exception {
        assertProblem(get("/api/v1/runs/no-such-run"), 404, null, "no run no-such-run");
        assertProblem(get("/api/v1/runs/no-such-run/report"), 404, null, "no run no-such-run");
        assertProblem(get("/api/v1/benchmark/nothing-here/report"), 404, null, "has no completed run");
        assertProblem(get("/api/v1/runs?size=0"), 400, "size", "between 1 and 500");
        assertProblem(get("/api/v1/runs?page=-1"), 400, "page", "0 or more");
        assertProblem(get("/api/v1/runs?page=x"), 400, "page", "whole number");
        assertProblem(get("/api/v1/runs?status=done"), 400, "status", "unknown status 'done'");
        assertProblem(get("/api/v1/runs?from=yesterday"), 400, "from", "ISO-8601");
        assertProblem(get("/api/v1/runs/bad%20id"), 400, "id", "is not a run id");
        assertProblem(get("/api/v1/history?metric=speed"), 400, "metric", "one of throughput_eps");
        assertProblem(get("/api/v1/runs/" + RUNS.get(0) + "/comparison"), 400, "baseline", "name the baseline");
        assertProblem(get("/api/v1/runs/" + RUNS.get(0) + "/comparison?baseline=nobody"), 404, null, "no baseline");
        assertProblem(post("/api/v1/plan", "application/yaml", SPEC.replace("market_data", "stocks")), 400,
                "spec.data_sources[0].data_type", "unknown data type 'stocks'");
        assertProblem(post("/api/v1/plan", "application/json", "{\"apiVersion\": "), 400, null, "");
        assertProblem(post("/api/v1/plan", "application/yaml", ""), 400, null, "PipelineBenchmark spec");
        assertProblem(post("/api/v1/plan", "application/yaml", "x".repeat(2 * 1024 * 1024)), 413, null, "");
        assertProblem(get("/api/v1/nowhere"), 404, null, "");
    }

    @Test
    void theOpenApiDocumentListsEveryEndpointAndMetricsPassNaming() throws Exception {
        JsonNode openapi = json(get("/q/openapi?format=json"));
        assertThat(openapi.get("paths").fieldNames()).toIterable().contains("/api/v1/runs", "/api/v1/runs/{id}", "/api/v1/runs/{id}/report",
                "/api/v1/runs/{id}/comparison", "/api/v1/benchmark/{name}/report", "/api/v1/history", "/api/v1/baselines", "/api/v1/plan",
                "/api/v1/regressions", "/api/v1/runs/{id}/windows", "/api/v1/performance");
        assertThat(get("/q/health/ready").statusCode()).isEqualTo(200);
        assertThat(get("/q/metrics").body()).contains("jvm_memory_used_bytes").contains("observatory_api_store_statements_total");
    }
}
