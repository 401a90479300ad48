package lab.performance.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 200 malformed requests, seeded so a failure replays: garbled paths, ids and parameters, wrong
 * methods and media types, truncated and corrupted JSON, YAML and GraphQL, with and without the
 * token. Every one gets a 4xx, never a 5xx, and no response shows a stack trace or a class name.
 * Also: CORS stays closed (no cross-origin grant, preflight or not).
 */
@QuarkusTest
@TestProfile(WithToken.class)
@QuarkusTestResource(StoredRunsResource.class)
class ApiFuzzIT extends ApiClient {

    static final String[] PATHS = {"/api/v1/runs", "/api/v1/runs/%s", "/api/v1/runs/%s/report", "/api/v1/runs/%s/windows",
        "/api/v1/runs/%s/comparison", "/api/v1/runs/%s/artifacts/%s", "/api/v1/benchmark/%s/report", "/api/v1/history",
        "/api/v1/regressions", "/api/v1/baselines", "/api/v1/plan", "/api/v1/performance", "/api/v1/profiles", "/graphql"};
    static final String[] PARAMS = {"page", "size", "from", "to", "benchmark", "status", "metric", "p_value", "limit", "baseline", "brokers",
        "replica_cpu", "query", "variables"};
    static final String[] JUNK = {"", "-1", "0", "99999999999999999999", "1e309", "NaN", "x", "%00", "..%2F..%2Fetc%2Fpasswd", "' OR 1=1 --",
        "<script>", "2026-13-45T99:99:99Z", "{", "[]", "null", "\u00e9\u4e2d\ud83d\ude00", "a".repeat(300), "completed;DROP TABLE runs"};
    static final String[] TYPES = {"application/json", "application/yaml", "text/plain", "application/xml", "multipart/form-data",
        "application/graphql", "", "application/json; charset=latin-9"};

    static String junk(SplittableRandom r) {
        return JUNK[r.nextInt(JUNK.length)];
    }

    /** A body broken in one of several ways; never a valid spec (it always carries an unknown field or is not YAML at all). */
    static String body(SplittableRandom r) {
        String spec = StoredRuns.spec("fuzz");
        return switch (r.nextInt(7)) {
            case 0 -> spec.substring(0, r.nextInt(spec.length()));
            case 1 -> spec.replace("spec:", "spec:\n  " + "unknown_" + r.nextInt(1000) + ": " + junk(r));
            case 2 -> "{\"name\": " + junk(r) + ", \"run_id\": " + junk(r);
            case 3 -> "{\"query\": \"" + "{ runs { ".repeat(r.nextInt(1, 40)) + "\"}";
            case 4 -> {
                byte[] bytes = new byte[r.nextInt(1, 400)];
                r.nextBytes(bytes);
                yield new String(bytes, StandardCharsets.ISO_8859_1);
            }
            case 5 -> "{\"query\": \"query($x: Int!) { runs(size: $x) { total } }\", \"variables\": {\"x\": " + junk(r) + "}}";
            default -> "[" + "[".repeat(r.nextInt(1, 2000));
        };
    }

    @Test
    void noMalformedRequestGetsA5xxOrAStackTrace() throws Exception {
        SplittableRandom r = new SplittableRandom(20261202);
        List<String> failures = new ArrayList<>();
        java.util.SortedMap<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < 200; i++) {
            String path = PATHS[r.nextInt(PATHS.length)];
            while (path.contains("%s")) {
                path = path.replaceFirst("%s", URLEncoder.encode(junk(r), StandardCharsets.UTF_8).replace("+", "%20"));
            }
            StringBuilder query = new StringBuilder();
            for (int p = r.nextInt(4); p > 0; p--) {
                query.append(query.isEmpty() ? "?" : "&").append(PARAMS[r.nextInt(PARAMS.length)]).append('=')
                        .append(URLEncoder.encode(junk(r), StandardCharsets.UTF_8));
            }
            String method = new String[] {"GET", "POST", "PUT", "DELETE", "PATCH", "POST", "POST"}[r.nextInt(7)];
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + path + query));
            String type = TYPES[r.nextInt(TYPES.length)];
            if (!type.isEmpty()) {
                b.header("Content-Type", type);
            }
            if (r.nextBoolean()) {
                b.header("Authorization", r.nextBoolean() ? "Bearer " + WithToken.TOKEN : "Bearer " + junk(r).replaceAll("[^\\x20-\\x7e]", "?"));
            }
            if (r.nextInt(4) == 0) {
                b.header("Accept", new String[] {"text/html", "application/graphql-response+json", "*/*", "image/png"}[r.nextInt(4)]);
            }
            String body = method.equals("GET") || method.equals("DELETE") ? null : body(r);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body() == null ? "" : response.body();
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() >= 500 || text.contains("\tat ") || text.contains("lab.performance") || text.contains("Exception:")) {
                failures.add(method + " " + path + query + " -> " + response.statusCode() + ": " + text.substring(0, Math.min(300, text.length())));
            }
        }
        assertThat(failures).isEmpty();
        System.out.println("fuzz: responses by status " + statuses);
        // the requests got past the guard and the router into the resources' own checks
        assertThat(statuses.keySet()).contains(400, 404, 405);
    }

    @Test
    void corsIsClosed() throws Exception {
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(root.toURI().resolve("/api/v1/runs"))
                .header("Origin", "http://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(root.toURI().resolve("/api/v1/runs")).header("Origin", "http://elsewhere.example")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(read.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
}
