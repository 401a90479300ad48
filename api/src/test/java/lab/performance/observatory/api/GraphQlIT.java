package lab.performance.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.stack.EmbeddedStack;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GraphQL over HTTP on a real PostgreSQL holding stored runs: the same values as the store and
 * REST, GET and POST with the spec's media types and status codes, a list of runs with their
 * reports and judgements in a bounded number of SQL statements whatever its length, and depth and
 * complexity limits.
 */
@QuarkusTest
@TestProfile(WithToken.class)
@QuarkusTestResource(StoredRunsResource.class)
class GraphQlIT extends ApiClient {

    static final String RESPONSE_TYPE = "application/graphql-response+json";
    static final String BENCHMARK = "graph-" + UUID.randomUUID().toString().substring(0, 8);
    static final String HUNDRED = BENCHMARK + "-100";
    static final String TEN = BENCHMARK + "-10";
    static List<String> hundred;
    static List<String> ten;
    static RunStore planted;

    /** The API's own store: its statement counter is what the API executed. */
    @Inject
    RunStore api;

    static final String LIST = """
            query Runs($benchmark: String!, $size: Int!) {
              runs(filter: {benchmark: $benchmark}, size: $size) {
                total
                runs {
                  runId status sustainedEps p99Ms
                  report { throughput { sustainedEps } latencyMs { endToEnd { p50 p99 } } events { generated processed lost } json }
                  judgement { verdict baselineName regressed }
                }
              }
            }""";

    @BeforeAll
    static void plant() throws Exception {
        ObservatoryDatabase.migrate(EmbeddedStack.get().dataSource());
        planted = new RunStore(EmbeddedStack.get().dataSource());
        hundred = StoredRuns.plant(planted, HUNDRED, 100);
        ten = StoredRuns.plant(planted, TEN, 10);
        planted.baselines().set(TEN + "-base", ten.get(9));
    }

    HttpResponse<String> graphql(String query, Map<String, Object> variables) throws Exception {
        String body = JSON.writeValueAsString(variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables));
        return HTTP.send(HttpRequest.newBuilder(root.toURI().resolve("/graphql")).header("Content-Type", "application/json")
                .header("Accept", RESPONSE_TYPE).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> graphqlGet(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(root.toURI().resolve("/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", RESPONSE_TYPE).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aListOfRunsCarriesTheStoredReportsAndVerdicts() throws Exception {
        HttpResponse<String> r = graphql(LIST, Map.of("benchmark", TEN, "size", 50));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(RESPONSE_TYPE));
        JsonNode body = json(r);
        assertThat(body.get("errors")).as(r.body()).isNull();
        JsonNode runs = body.at("/data/runs/runs");
        assertThat(body.at("/data/runs/total").asLong()).isEqualTo(10);
        assertThat(runs).extracting(n -> n.get("runId").asText()).containsExactlyElementsOf(ten);
        for (JsonNode run : runs) {
            var stored = planted.reports().report(run.get("runId").asText()).orElseThrow();
            assertThat(run.at("/report/json").asText()).isEqualTo(ReportJson.write(stored));
            assertThat(run.at("/report/throughput/sustainedEps").asDouble()).isEqualTo(stored.throughput().sustainedEps());
            assertThat(run.at("/report/latencyMs/endToEnd/p99").asDouble()).isEqualTo(stored.latencyMs().endToEnd().p99());
            assertThat(run.at("/report/events/processed").asLong()).isEqualTo(stored.events().processed());
            var verdict = planted.judgements().verdicts(List.of(run.get("runId").asText())).get(run.get("runId").asText());
            if (verdict == null) {
                assertThat(run.get("judgement").isNull()).isTrue();
            } else {
                assertThat(run.at("/judgement/verdict").asText()).isEqualTo(verdict.verdict());
            }
        }
        // the oldest run is the one the others were judged against
        assertThat(runs.get(9).get("judgement").isNull()).isTrue();
        assertThat(runs.get(0).at("/judgement/baselineName").asText()).isEqualTo(TEN + "-first");
        // the REST list says the same
        JsonNode rest = json(get("/api/v1/runs?benchmark=" + TEN));
        for (int i = 0; i < runs.size(); i++) {
            assertThat(rest.at("/runs/" + i + "/sustained_eps").asDouble()).isEqualTo(runs.get(i).get("sustainedEps").asDouble());
            assertThat(rest.at("/runs/" + i + "/p99_ms").asDouble()).isEqualTo(runs.get(i).get("p99Ms").asDouble());
        }
    }

    @Test
    void aListCostsTheSameStatementsForTenRunsAsForAHundred() throws Exception {
        long before = api.statementsExecuted();
        JsonNode tenRuns = json(graphql(LIST, Map.of("benchmark", TEN, "size", 100)));
        long forTen = api.statementsExecuted() - before;
        before = api.statementsExecuted();
        JsonNode hundredRuns = json(graphql(LIST, Map.of("benchmark", HUNDRED, "size", 100)));
        long forHundred = api.statementsExecuted() - before;
        assertThat(tenRuns.at("/data/runs/runs")).hasSize(10);
        assertThat(hundredRuns.at("/data/runs/runs")).hasSize(100);
        assertThat(hundredRuns.at("/data/runs/runs").findValues("report")).allSatisfy(n -> assertThat(n.isObject()).isTrue());
        // page + count, every report in one statement, every judgement in one
        assertThat(forHundred).as("statements for 100 runs").isEqualTo(4).isEqualTo(forTen);
        System.out.printf("GraphQL list: %d statements for 10 runs, %d for 100%n", forTen, forHundred);
    }

    @Test
    void oneRunItsWindowsAComparisonBaselinesHistoryAndRegressions() throws Exception {
        var report = planted.reports().report(ten.get(0)).orElseThrow();
        String from = report.timeline().get(3).windowStart();
        String to = report.timeline().get(7).windowStart();
        JsonNode data = json(graphql("""
                query($id: String!, $from: String, $to: String, $base: String!, $bench: String) {
                  run(id: $id) { runId report { windows(from: $from, to: $to) { windowStart processed endToEndMs { p99 } } } }
                  missing: run(id: "no-such-run") { runId }
                  comparison(runId: $id, baseline: $base) { baselineRunId verdict metrics { metric verdict changePercent } }
                  baselines { name runId }
                  history(metric: "throughput_eps", benchmark: $bench) { metric points { runId value } }
                  regressions(benchmark: $bench) { runId regressed }
                }""", Map.of("id", ten.get(0), "from", from, "to", to, "base", TEN + "-base", "bench", TEN))).get("data");
        assertThat(data.at("/run/report/windows")).extracting(w -> w.get("windowStart").asText())
                .containsExactlyElementsOf(report.timeline().subList(3, 7).stream().map(p -> p.windowStart()).toList());
        assertThat(data.at("/run/report/windows/0/endToEndMs/p99").asDouble()).isEqualTo(report.timeline().get(3).endToEndMs().p99());
        assertThat(data.get("missing").isNull()).isTrue();
        assertThat(data.at("/comparison/baselineRunId").asText()).isEqualTo(ten.get(9));
        assertThat(data.at("/comparison/metrics")).isNotEmpty();
        assertThat(data.get("baselines")).anySatisfy(b -> assertThat(b.get("name").asText()).isEqualTo(TEN + "-base"));
        assertThat(data.at("/history/points")).hasSize(10);
        List<String> regressed = planted.judgements().regressions(TEN, 50).stream().map(v -> v.runId()).toList();
        assertThat(data.get("regressions")).extracting(n -> n.get("runId").asText()).containsExactlyElementsOf(regressed);
        assertThat(regressed).as("later runs are slower than the first").isNotEmpty();
    }

    @Test
    void getServesQueriesAsPostDoes() throws Exception {
        HttpResponse<String> r = graphqlGet("{ runs(filter: {benchmark: \"" + TEN + "\"}, size: 3) { total runs { runId } } }");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).at("/data/runs/runs")).extracting(n -> n.get("runId").asText()).containsExactlyElementsOf(ten.subList(0, 3));
    }

    @Test
    void requestErrorsAre400WithGraphQlErrorsAndFieldErrorsKeepTheirData() throws Exception {
        assertRequestError(graphql("{ runs { total ", null), "Invalid syntax with offending token");
        assertRequestError(graphql("{ runs { speed } }", null), "Field 'speed' in type 'RunPage' is undefined");
        String deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }";
        assertRequestError(graphql(deep, null), "maximum query depth exceeded");
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            wide.append(" a").append(i).append(": baselines { name runId }");
        }
        assertRequestError(graphql(wide.append(" }").toString(), null), "maximum query complexity exceeded");
        assertRequestError(send("POST", "application/json", RESPONSE_TYPE, "{\"query\": "), "must be JSON");
        assertRequestError(send("POST", "application/json", RESPONSE_TYPE, "{\"variables\": {}}"), "query: the request must carry");
        assertRequestError(send("POST", "application/json", RESPONSE_TYPE, "{\"query\": \"{ baselines { name } }\", \"variables\": 3}"),
                "variables: must be a JSON object");
        HttpResponse<String> yaml = send("POST", "application/yaml", RESPONSE_TYPE, "query: x");
        assertThat(yaml.statusCode()).isEqualTo(415);
        assertThat(send("POST", "application/json", "text/html", "{\"query\": \"{ baselines { name } }\"}").statusCode()).isEqualTo(406);
        assertThat(send("PUT", "application/json", RESPONSE_TYPE, "{}").statusCode()).isEqualTo(405);

        // an argument at fault is a field error: 200, the field null, the message naming the argument, nothing internal
        HttpResponse<String> badSize = graphql("{ runs(size: 0) { total } }", null);
        assertThat(badSize.statusCode()).isEqualTo(200);
        assertThat(json(badSize).at("/errors/0/message").asText()).isEqualTo("size: must be between 1 and 500, not 0");
        assertThat(json(badSize).at("/data/runs").isNull()).isTrue();
        HttpResponse<String> badId = graphql("{ run(id: \"bad id\") { runId } }", null);
        assertThat(json(badId).at("/errors/0/message").asText()).startsWith("id: 'bad id' is not a run id");
        assertThat(badId.body()).doesNotContain("ApiProblem").doesNotContain("lab.performance").doesNotContain("\tat ");

        // legacy application/json: the same request errors as 200 with errors, as GraphQL servers answered before the spec
        HttpResponse<String> legacy = send("POST", "application/json", "application/json", "{\"query\": \"{ runs { speed } }\"}");
        assertThat(legacy.statusCode()).isEqualTo(200);
        assertThat(legacy.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json(legacy).get("errors")).isNotEmpty();
    }

    HttpResponse<String> send(String method, String contentType, String accept, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(root.toURI().resolve("/graphql")).header("Content-Type", contentType).header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void assertRequestError(HttpResponse<String> r, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(RESPONSE_TYPE));
        JsonNode body = json(r);
        assertThat(body.has("data")).as(r.body()).isFalse();
        assertThat(body.at("/errors/0/message").asText()).contains(message);
    }
}
