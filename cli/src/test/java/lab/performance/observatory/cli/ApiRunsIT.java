package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import lab.performance.observatory.core.replay.ProfileBuilder;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.schemas.profile.ProfileFile;
import lab.performance.observatory.stack.EmbeddedStack;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs started over HTTP: the API (its real application, as {@code observatory api} starts it) is
 * posted a spec, answers 202 with the run's id, refuses a second run while the first holds the
 * stack, and the run goes through the one lifecycle to a served report; a run aborted with DELETE
 * is recorded aborted. Broker and PostgreSQL are this JVM's.
 */
class ApiRunsIT {

    static final String TOKEN = "runs-it-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: posted}
            spec:
              duration_seconds: 6
              warmup_seconds: 1
              data_sources:
                - {name: ticks, data_type: market_data, generation_rate: 500}
            """;

    @TempDir
    static Path dir;
    static ApiProcess api;
    static URI root;
    static RunStore store;

    @BeforeAll
    static void startApi() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        ObservatoryDatabase.migrate(stack.dataSource());
        store = new RunStore(stack.dataSource());
        writeProfile(dir.resolve("profiles/recordings/two-seconds.profile.avro"));
        java.util.Map<String, String> settings = new java.util.HashMap<>(ApiProcess.startingRuns(TOKEN, dir.resolve("data")));
        settings.put("observatory.api.profiles-dir", dir.resolve("profiles").toString());
        api = ApiProcess.start(settings, dir.resolve("api.log"));
        root = api.root;
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(root.resolve(path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/yaml")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode await(String runId, Predicate<JsonNode> until, Duration timeout) {
        return Awaitility.await("run " + runId).atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> r = send("GET", "/api/v1/runs/" + runId, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }, until::test);
    }

    /** Posts the spec; while another test's run holds the stack, waits for it to end first. */
    static HttpResponse<String> start(String spec) throws Exception {
        HttpResponse<String> started = send("POST", "/api/v1/runs", spec);
        if (started.statusCode() == 409) {
            String holder = JSON.readTree(started.body()).get("detail").asText().replaceAll("^run (\\S+) .*", "$1");
            await(holder, n -> !n.get("status").asText().matches("starting|running"), Duration.ofMinutes(4));
            started = send("POST", "/api/v1/runs", spec);
        }
        return started;
    }

    @Test
    void aPostedSpecRunsThroughTheLifecycleAndItsReportIsServed() throws Exception {
        HttpResponse<String> started = start(SPEC);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = JSON.readTree(started.body()).get("run_id").asText();
        assertThat(runId).startsWith("posted-");
        assertThat(started.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/runs/" + runId));

        HttpResponse<String> second = send("POST", "/api/v1/runs", SPEC);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).get("detail").asText()).contains("run " + runId + " holds the stack");

        JsonNode done = await(runId, r -> !r.get("status").asText().matches("starting|running"), Duration.ofMinutes(4));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        HttpResponse<String> report = send("GET", "/api/v1/runs/" + runId + "/report", null);
        assertThat(report.statusCode()).isEqualTo(200);
        JsonNode r = JSON.readTree(report.body());
        assertThat(r.get("run_id").asText()).isEqualTo(runId);
        assertThat(r.at("/events/processed").asLong()).isPositive();
        assertThat(r.at("/events/lost").asLong()).isZero();
        // served as stored: the run's command still adds its flight recordings' figures after it closed, so compare once it has
        Awaitility.await("the served report equals the stored one").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(send("GET", "/api/v1/runs/" + runId + "/report", null).body())
                        .isEqualTo(ReportJson.write(store.reports().report(runId).orElseThrow())));
    }

    /** Two seconds of 300 and 900 events, sizes 100-400 bytes, 40 keys. */
    static void writeProfile(Path file) throws Exception {
        ProfileBuilder b = new ProfileBuilder();
        int[] perSecond = {300, 900};
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int s = 0; s < perSecond.length; s++) {
            for (int i = 0; i < perSecond[s]; i++) {
                b.add(s * 1_000_000_000L + i * (1_000_000_000L / perSecond[s]), 100 + random.nextInt(301), random.nextInt(40), "ticks", "market_data");
            }
        }
        java.nio.file.Files.createDirectories(file.getParent());
        ProfileFile.write(b.build(0, 2_000_000_000L, 1L, "test", 0).profile(), file);
    }

    @Test
    void aPostedReplaySpecReadsItsProfileFromTheProfilesDirectoryAndNothingElse() throws Exception {
        String replay = """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: replayed}
                spec:
                  duration_seconds: 4
                  warmup_seconds: 1
                  data_sources:
                    - {name: ticks, data_type: market_data, pattern: {type: replay, profile: %s, loop: true}}
                """;
        HttpResponse<String> outside = send("POST", "/api/v1/runs", replay.formatted("../api.log"));
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(400);
        assertThat(JSON.readTree(outside.body()).get("field").asText()).isEqualTo("spec.data_sources[0].pattern.profile");
        assertThat(JSON.readTree(outside.body()).get("detail").asText()).contains("is outside the profiles directory");
        HttpResponse<String> missing = send("POST", "/api/v1/runs", replay.formatted("recordings/none.avro"));
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("detail").asText()).endsWith("none.avro: no such load profile");

        HttpResponse<String> planned = send("POST", "/api/v1/plan?brokers=1", replay.formatted("recordings/two-seconds.profile.avro"));
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);

        HttpResponse<String> started = start(replay.formatted("recordings/two-seconds.profile.avro"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = JSON.readTree(started.body()).get("run_id").asText();
        JsonNode done = await(runId, r -> !r.get("status").asText().matches("starting|running"), Duration.ofMinutes(4));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        JsonNode r = JSON.readTree(send("GET", "/api/v1/runs/" + runId + "/report", null).body());
        // two passes of the looped 1,200-event recording in the 4 s run, every one processed
        assertThat(r.at("/events/generated").asLong()).isEqualTo(2_400);
        assertThat(r.at("/events/processed").asLong()).isEqualTo(2_400);
        assertThat(r.at("/events/lost").asLong()).isZero();
    }

    @Test
    void aRunAbortedWithDeleteIsRecordedAborted() throws Exception {
        String longer = SPEC.replace("duration_seconds: 6", "duration_seconds: 120").replace("name: posted", "name: aborted");
        HttpResponse<String> started = start(longer);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = JSON.readTree(started.body()).get("run_id").asText();
        await(runId, n -> n.get("status").asText().equals("running"), Duration.ofMinutes(2));

        HttpResponse<String> aborted = send("DELETE", "/api/v1/runs/" + runId, null);
        assertThat(aborted.statusCode()).as(aborted.body()).isEqualTo(200);
        assertThat(JSON.readTree(aborted.body()).get("status").asText()).isEqualTo("aborted");
        assertThat(store.runs().status(runId)).hasValue("aborted");
        HttpResponse<String> again = send("DELETE", "/api/v1/runs/" + runId, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/api/v1/runs/never-was", null).statusCode()).isEqualTo(404);
    }
}
