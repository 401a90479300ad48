package lab.performance.observatory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol: open a page, wait in real time
 * until a script says it is drawn, read values from it, take screenshots, and collect everything
 * the page's console said (console calls, uncaught exceptions, failed loads), which the browser
 * tests require to be nothing.
 */
final class BrowserSession implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process chromium;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    private BrowserSession(Process chromium, WebSocket socket) {
        this.chromium = chromium;
        this.socket = socket;
    }

    static BrowserSession open(Path profileDir) throws Exception {
        Process p = new ProcessBuilder(List.of(HeadlessChromium.executable().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1400,1000", "--user-data-dir=" + profileDir,
                "about:blank")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String browserUrl = null;
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (browserUrl == null && System.nanoTime() < deadline && (line = err.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                browserUrl = m.group(1);
            }
        }
        if (browserUrl == null) {
            p.destroyForcibly();
            throw new IOException("chromium did not open its DevTools port");
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // chromium's own log: read so it never blocks
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        URI browser = URI.create(browserUrl);
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String page = null;
        for (JsonNode t : targets) {
            if ("page".equals(t.path("type").asText())) {
                page = t.get("webSocketDebuggerUrl").asText();
            }
        }
        if (page == null) {
            p.destroyForcibly();
            throw new IOException("chromium has no page target: " + targets);
        }
        BrowserSession[] self = new BrowserSession[1];
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String message = text.toString();
                    text.setLength(0);
                    while (self[0] == null) {
                        Thread.onSpinWait();
                    }
                    self[0].receive(message);
                }
                webSocket.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        BrowserSession session = new BrowserSession(p, ws);
        self[0] = session;
        session.call("Runtime.enable", null);
        session.call("Log.enable", null);
        session.call("Page.enable", null);
        ObjectNode metrics = JSON.createObjectNode().put("width", 1400).put("height", 1000).put("deviceScaleFactor", 1).put("mobile", false);
        session.call("Emulation.setDeviceMetricsOverride", metrics);
        return session;
    }

    private void receive(String message) {
        try {
            JsonNode m = JSON.readTree(message);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                if (f != null) {
                    if (m.has("error")) {
                        f.completeExceptionally(new IOException("DevTools: " + m.get("error")));
                    } else {
                        f.complete(m.get("result"));
                    }
                }
                return;
            }
            String method = m.path("method").asText();
            JsonNode params = m.path("params");
            events.add(method);
            switch (method) {
                case "Runtime.consoleAPICalled" -> {
                    List<String> args = new ArrayList<>();
                    params.path("args").forEach(a -> args.add(a.has("value") ? a.get("value").asText() : a.path("description").asText()));
                    console.add("console." + params.path("type").asText() + ": " + String.join(" ", args));
                }
                case "Runtime.exceptionThrown" -> console.add("uncaught: " + params.path("exceptionDetails").path("exception")
                        .path("description").asText(params.path("exceptionDetails").path("text").asText()));
                case "Log.entryAdded" -> console.add("log." + params.path("entry").path("level").asText() + ": "
                        + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText(""));
                case "Page.loadEventFired", "Page.navigatedWithinDocument" -> loaded.complete(null); // a new hash only: no load
                default -> {
                }
            }
        } catch (IOException | RuntimeException e) {
            console.add("unreadable DevTools message: " + e);
        }
    }

    JsonNode call(String method, JsonNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pending.put(id, result);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        return result.get(60, TimeUnit.SECONDS);
    }

    /** Opens {@code url} and waits for its load event. */
    void navigate(String url) throws Exception {
        loaded = new CompletableFuture<>();
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        try {
            loaded.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("no load event for " + url + " within 60 s; DevTools said: " + events + "; console: " + console, e);
        }
    }

    /** The value of a JavaScript expression in the page (promises awaited). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits in real time until {@code expression} is true; fails with what the page shows otherwise. */
    void await(String expression, Duration timeout) throws Exception {
        try {
            org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .until(() -> evaluate("Boolean(" + expression + ")").asBoolean());
            return;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // say what the page shows instead
        }
        throw new AssertionError("the page did not get to '" + expression + "' within " + timeout + "; it shows: "
                + evaluate("document.getElementById('view') ? document.getElementById('view').innerText.substring(0, 1500) : document.body.innerText")
                + "; console: " + console);
    }

    void screenshot(Path png) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** {@code text} as a JavaScript string literal. */
    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything the page's console said since the session opened. */
    List<String> console() {
        return List.copyOf(console);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser is stopped below either way
        }
        chromium.destroy();
        try {
            if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            chromium.destroyForcibly();
        }
    }
}
