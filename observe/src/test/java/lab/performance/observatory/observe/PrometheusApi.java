package lab.performance.observatory.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The parts of Prometheus's HTTP API the dashboard tests use: range queries and label values, over a time range. */
public record PrometheusApi(String baseUrl) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The series of a range query (step 1 s) between {@code from} and {@code to}, the end rounded up to
     * the next whole second so a sample scraped just before {@code to} is in; an error answer throws
     * with Prometheus's message.
     */
    public JsonNode queryRange(String expr, Instant from, Instant to) throws IOException, InterruptedException {
        return get("/api/v1/query_range?query=" + encode(expr) + "&start=" + from.getEpochSecond() + "&end=" + ceilSeconds(to) + "&step=1");
    }

    private static long ceilSeconds(Instant t) {
        return t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
    }

    /** An instant query's result now. */
    public JsonNode query(String expr) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + encode(expr));
    }

    /** Values of {@code label} on the series {@code match} selects between {@code from} and {@code to}. */
    public List<String> labelValues(String label, String match, Instant from, Instant to) throws IOException, InterruptedException {
        JsonNode data = get("/api/v1/label/" + label + "/values?match[]=" + encode(match) + "&start=" + from.getEpochSecond()
                + "&end=" + ceilSeconds(to));
        List<String> out = new ArrayList<>();
        data.forEach(v -> out.add(v.asText()));
        return out;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IOException("Prometheus answered " + r.statusCode() + " to " + path + ": " + r.body());
        }
        return body.path("data").has("result") ? body.path("data").path("result") : body.path("data");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
