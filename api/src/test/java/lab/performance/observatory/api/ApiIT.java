package lab.performance.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import lab.performance.observatory.core.report.Measurements;
import lab.performance.observatory.core.report.ReportBuilder;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.report.WindowMetrics;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.stack.EmbeddedStack;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunStore;
import org.HdrHistogram.Histogram;
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
class ApiIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String BENCHMARK = "api-" + UUID.randomUUID().toString().substring(0, 8);
    static final List<String> RUNS = new ArrayList<>();
    static RunStore store;

    @TestHTTPResource("/")
    URL root;

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: %s}
            spec:
              duration_seconds: 30
              warmup_seconds: 5
              data_sources:
                - {name: ticks, data_type: market_data, generation_rate: 1000}
            """.formatted(BENCHMARK);

    /** Three completed runs of one benchmark, each with the report the store builds from its windows. */
    @BeforeAll
    static void plant() throws Exception {
        ObservatoryDatabase.migrate(EmbeddedStack.get().dataSource());
        store = new RunStore(EmbeddedStack.get().dataSource());
        BenchmarkSpec spec = SpecParser.parse(SPEC);
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        for (int run = 0; run < 3; run++) {
            String id = BENCHMARK + "-run-" + run;
            Instant start = t0.plusSeconds(3600L * run);
            store.runs().create(id, spec, null, Map.of("cpu_cores", "2"));
            SplittableRandom random = new SplittableRandom(run);
            List<WindowMetrics> windows = new ArrayList<>();
            long total = 0;
            for (int s = 0; s <= 30; s++) {
                long events = 950 + random.nextInt(100);
                total += events;
                Histogram h = LatencyHistograms.newHistogram();
                for (int i = 0; i < 200; i++) {
                    h.recordValue(2000 + random.nextInt(3000 * (run + 1)));
                }
                windows.add(new WindowMetrics(DataType.MARKET_DATA, start.plusSeconds(s), events, events * 100, 0, 0, events * 90, 0, 0, h));
            }
            RunFacts facts = new RunFacts(id, spec, "completed", start, start.plusSeconds(30), start.plusSeconds(31),
                    new RunFacts.Drain(true, 0.5, 0), Map.of("cpu_cores", "2"), Map.of());
            var report = ReportBuilder.build(facts, Measurements.of(List.of(new SourceTotals("ticks", DataType.MARKET_DATA, total, total, 0,
                    total * 100)), windows));
            store.runs().recordGenerationStart(id, start);
            store.runs().recordGenerationEnd(id, start.plusSeconds(30));
            store.runs().finish(id, "completed", start.plusSeconds(31), facts.drain());
            store.runs().saveReport(id, ReportJson.write(report), null);
            RUNS.add(0, id);
        }
        store.baselines().set(BENCHMARK + "-base", RUNS.get(2));
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(root.toURI().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return post(path, contentType, body, null);
    }

    HttpResponse<String> post(String path, String contentType, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(root.toURI().resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    void assertProblem(HttpResponse<String> r, int status, String field, String detail) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = json(r);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asText()).contains(detail).doesNotContain("Exception").doesNotContain("\tat ");
        if (field != null) {
            assertThat(body.get("field").asText()).isEqualTo(field);
        }
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
                "/api/v1/runs/{id}/comparison", "/api/v1/benchmark/{name}/report", "/api/v1/history", "/api/v1/baselines", "/api/v1/plan");
        assertThat(get("/q/health/ready").statusCode()).isEqualTo(200);
        assertThat(get("/q/metrics").body()).contains("jvm_memory_used_bytes");
    }
}
