package lab.performance.observatory.observe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.process.FreePorts;

/** Debian's real Prometheus for a test, scraping static targets (job to {@code host:port/path}) every second. */
public final class TestPrometheus implements AutoCloseable {

    private final Process process;
    private final int port;

    private TestPrometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param targets job name to the URL of its metrics endpoint */
    public static TestPrometheus start(Path dir, Map<String, String> targets) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder("global: {scrape_interval: 1s, scrape_timeout: 1s}\nscrape_configs:\n");
        targets.forEach((job, url) -> {
            URI u = URI.create(url);
            config.append("  - job_name: ").append(job).append("\n    metrics_path: ").append(u.getPath())
                    .append("\n    static_configs: [{targets: ['").append(u.getHost()).append(':').append(u.getPort()).append("']}]\n");
        });
        Files.writeString(dir.resolve("prometheus.yml"), config);
        int port = FreePorts.pick();
        String binary = System.getenv().getOrDefault("PROMETHEUS", "/usr/bin/prometheus");
        Process p = new ProcessBuilder(List.of(binary, "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        TestPrometheus prometheus = new TestPrometheus(p, port);
        prometheus.awaitReady();
        return prometheus;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited with " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IOException("prometheus not ready after 30 s");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public PrometheusApi api() {
        return new PrometheusApi(url());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

}
