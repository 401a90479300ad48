package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.lifecycle.TopologyLaunch;
import lab.performance.observatory.stack.EmbeddedStack;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live feed end to end during a real run started over HTTP: the topology publishes each
 * closed window to the live topic, the API consumes it with Reactive Messaging and pushes it over
 * the WebSocket. A client that reads receives a window summary at least once a second while the
 * run generates; a client that never reads is closed (1008) while the first keeps receiving on
 * time, and the API counts it.
 */
class LiveWebSocketIT {

    static final String TOKEN = "live-it-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: live}
            spec:
              duration_seconds: 20
              warmup_seconds: 2
              data_sources:
                - {name: ticks, data_type: market_data, generation_rate: 800}
            """;

    @TempDir
    Path dir;

    record Received(Instant at, JsonNode message) {
    }

    @Test
    void aReadingClientGetsAWindowEverySecondWhileAClientThatNeverReadsIsClosed() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        ObservatoryDatabase.migrate(stack.dataSource());
        RunStore store = new RunStore(stack.dataSource());
        try (RunTopics topics = RunTopics.ensuringLive(stack.bootstrapServers())) {
            assertThat(topics.admin().listTopics().names().get(30, TimeUnit.SECONDS)).contains(TopologyLaunch.DEFAULT_LIVE_TOPIC);
        }
        try (ApiProcess api = ApiProcess.start(ApiProcess.startingRuns(TOKEN, dir.resolve("data")), dir.resolve("api.log"))) {
            URI root = api.root;
            int port = api.port;

            HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(root.resolve("/api/v1/runs")).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(SPEC)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            String runId = JSON.readTree(started.body()).get("run_id").asText();

            // a bad run id is refused at once with the reason
            List<Received> refused = new CopyOnWriteArrayList<>();
            int[] refusedCode = {0};
            HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/live?run=bad%20id"), listener(refused, refusedCode))
                    .get(10, TimeUnit.SECONDS);

            List<Received> fast = new CopyOnWriteArrayList<>();
            int[] fastClosed = {0};
            WebSocket reader = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/live?run=" + runId),
                    listener(fast, fastClosed)).get(10, TimeUnit.SECONDS);
            try (Socket stalled = neverReading(port, runId); BrowserSession browser = BrowserSession.open(dir.resolve("chromium"))) {
                // the dashboard's live view draws the summaries as they come, and its console stays silent
                browser.navigate(root + "/#/live/" + runId);
                browser.await("Number((document.querySelector('#view .grid') || {dataset: {}}).dataset.summaries || 0) >= 5"
                        + " && [...document.querySelectorAll('#view [data-chart]')].some(c => c.dataset.drawn === 'true')", Duration.ofSeconds(90));
                browser.screenshot(DashboardBrowserIT.SCREENSHOTS.resolve("live.png"));
                assertThat(browser.evaluate("document.getElementById('live-status').innerText").asText()).isEqualTo("connected");
                assertThat(browser.console()).isEmpty();
                Awaitility.await("the run's end").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                        .until(() -> store.runs().status(runId).map(s -> !s.equals("running")).orElse(false));
                assertThat(store.runs().status(runId)).hasValue("completed");
                Awaitility.await("the \"ended\" message").atMost(Duration.ofSeconds(10))
                        .until(() -> fast.stream().anyMatch(r -> r.message().get("type").asText().equals("ended")));
                String metrics = HTTP.send(HttpRequest.newBuilder(root.resolve("/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).as("the API closed the client that never read")
                        .containsPattern("(?m)^observatory_api_live_clients_closed_behind_total [1-9]");

                // the stalled client now reads what had piled up: it ends with a close frame of code 1008
                stalled.setSoTimeout(10_000);
                byte[] all = stalled.getInputStream().readAllBytes();
                assertThat(indexOfClose(all, 1008)).as("a close frame with code 1008 in %d bytes", all.length).isGreaterThanOrEqualTo(0);
            }
            reader.sendClose(WebSocket.NORMAL_CLOSURE, "done");

            assertThat(refusedCode[0]).isEqualTo(1008);
            List<Received> windows = fast.stream().filter(r -> r.message().get("type").asText().equals("window")).toList();
            assertThat(fast.get(0).message().get("type").asText()).isEqualTo("history");
            assertThat(fast).anySatisfy(r -> assertThat(r.message().get("type").asText()).isEqualTo("ended"));
            // "ended" waits for the run to close: no window comes after it
            assertThat(fast.get(fast.size() - 1).message().get("type").asText()).as("the last message").isEqualTo("ended");
            assertThat(fastClosed[0]).as("the reading client was never closed by the API").isIn(0, WebSocket.NORMAL_CLOSURE);
            var report = store.reports().report(runId).orElseThrow();
            // at least one summary a second while generation ran (the first and last seconds aside), with no gap of 2 s
            Instant from = Instant.parse(report.timing().generationStartedAt()).plusSeconds(3);
            Instant to = Instant.parse(report.timing().generationEndedAt());
            List<Instant> during = windows.stream().map(Received::at).filter(t -> t.isAfter(from) && t.isBefore(to)).toList();
            long seconds = Duration.between(from, to).toSeconds();
            assertThat(during.size()).as("window summaries received in %d s of generation", seconds).isGreaterThanOrEqualTo((int) seconds - 1);
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < during.size(); i++) {
                gaps.add(Duration.between(during.get(i - 1), during.get(i)).toMillis());
            }
            assertThat(gaps).as("gaps between summaries, ms").allSatisfy(g -> assertThat(g).isLessThan(2000));
            // what was pushed adds up to what the run processed
            long pushed = windows.stream().mapToLong(r -> r.message().get("processed_total").asLong()).max().orElse(0);
            assertThat(pushed).isEqualTo(report.events().processed());
            System.out.printf("live: %d window summaries, largest gap %d ms during generation%n", windows.size(),
                    gaps.stream().mapToLong(Long::longValue).max().orElse(0));
        }
    }

    static WebSocket.Listener listener(List<Received> into, int[] closeCode) {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        into.add(new Received(Instant.now(), JSON.readTree(text.toString())));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closeCode[0] = statusCode;
                return null;
            }
        };
    }

    /** A WebSocket client with a tiny receive buffer that completes the handshake and then never reads. */
    static Socket neverReading(int port, String runId) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(2048);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        String key = Base64.getEncoder().encodeToString("observatory-stall".getBytes(StandardCharsets.UTF_8)).substring(0, 22) + "==";
        OutputStream out = s.getOutputStream();
        out.write(("GET /api/v1/live?run=" + runId + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("the handshake ended early: " + head);
            }
            head.write(b);
        }
        assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
        return s;
    }

    /** Where a server close frame (opcode 8, unmasked) carrying {@code code} starts in {@code bytes}, or -1. */
    static int indexOfClose(byte[] bytes, int code) {
        for (int i = 0; i + 3 < bytes.length; i++) {
            if ((bytes[i] & 0xff) == 0x88 && (bytes[i + 1] & 0x7f) >= 2 && (bytes[i + 1] & 0x7f) < 126
                    && ((bytes[i + 2] & 0xff) << 8 | (bytes[i + 3] & 0xff)) == code) {
                return i;
            }
        }
        return -1;
    }
}
