package lab.performance.observatory.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.process.FreePorts;

/**
 * Debian's Prometheus, started for a local run ({@code run --prometheus}) or to browse stored runs
 * ({@code observatory prometheus}): its config, target files and TSDB live under
 * {@code DATA_DIR/prometheus}, so the series of every run stay there. Components are added as
 * targets as they start ({@link #scrape}).
 */
final class LocalPrometheus implements ScrapeTargets, AutoCloseable {

    static final int DEFAULT_PORT = 9090;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** How long one more scrape of every target may take (the interval is 1 s). */
    static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);

    private final ChildProcess process;
    private final Path home;
    private final int port;
    private final NanoClock clock;

    private LocalPrometheus(ChildProcess process, Path home, int port, NanoClock clock) {
        this.process = process;
        this.home = home;
        this.port = port;
        this.clock = clock;
    }

    /** Prometheus from $PROMETHEUS or PATH, installed from Debian's packages where missing and possible; bad input otherwise. */
    static Path binary(String option) {
        return binary(option, System.getenv(), ObservatoryCli.home().resolve("tools").resolve("ensure-debian-package"));
    }

    /** {@link #binary(String)} with the environment and the install script given (tests). */
    static Path binary(String option, Map<String, String> environment, Path installScript) {
        String configured = environment.get("PROMETHEUS");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw CliException.badInput(option + ": PROMETHEUS=" + configured + " is not an executable");
            }
            return p;
        }
        String path = environment.getOrDefault("PATH", "");
        Path found = onPath("prometheus", path);
        if (found == null && Files.isExecutable(installScript)) {
            try {
                new ProcessBuilder(installScript.toString(), "prometheus", "prometheus").inheritIO().start().waitFor();
            } catch (IOException e) {
                // the message below says what to do
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            found = onPath("prometheus", path);
        }
        if (found == null) {
            throw CliException.badInput(option + ": Prometheus is not installed and could not be installed here: install Debian's package "
                    + "'prometheus' (sudo apt-get install prometheus) or set PROMETHEUS=/path/to/prometheus");
        }
        return found;
    }

    private static Path onPath(String command, String path) {
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Starts Prometheus on {@code 127.0.0.1:port} (0: 9090 if free, else any free port) over the TSDB
     * under {@code home}; with {@code scrape} it scrapes the targets added later, without it only
     * serves what is stored.
     */
    static LocalPrometheus start(Path binary, Path home, int port, boolean scrape, Path log, NanoClock clock)
            throws IOException, InterruptedException {
        Files.createDirectories(home.resolve(PrometheusConfig.TARGETS_DIR));
        if (scrape) {
            try (var old = Files.list(home.resolve(PrometheusConfig.TARGETS_DIR))) {
                for (Path p : old.toList()) {
                    Files.delete(p); // targets of an earlier run are gone; their series stay in the TSDB
                }
            }
        }
        Path config = home.resolve("prometheus.yml");
        Files.writeString(config, PrometheusConfig.yaml(scrape));
        int chosen = port != 0 ? port : (FreePorts.isFree(DEFAULT_PORT) ? DEFAULT_PORT : FreePorts.pick());
        ChildProcess process = ChildProcess.start("prometheus", List.of(binary.toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + home.resolve("data"), "--storage.tsdb.retention.time=90d",
                "--web.listen-address=127.0.0.1:" + chosen, "--log.level=warn"), log, Map.of());
        LocalPrometheus prometheus = new LocalPrometheus(process, home, chosen, clock);
        ChildReadiness.await(process, URI.create(prometheus.url() + "/-/ready"), READY_TIMEOUT, clock);
        return prometheus;
    }

    @Override
    public void awaitScrape() throws InterruptedException {
        awaitScrapesAfter(java.time.Instant.ofEpochSecond(0, clock.epochNanos()), SCRAPE_TIMEOUT);
    }

    /** Waits until every target has been scraped after {@code after}, at most {@code timeout}; false when it was not. */
    boolean awaitScrapesAfter(java.time.Instant after, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI query = URI.create(url() + "/api/v1/query?query=" + java.net.URLEncoder.encode("min(timestamp(up))", java.nio.charset.StandardCharsets.UTF_8));
        long deadline = clock.nanoTime() + timeout.toNanos();
        while (clock.nanoTime() < deadline) {
            try {
                String body = lab.performance.observatory.core.http.BoundedBody.send(http, HttpRequest.newBuilder(query).timeout(Duration.ofSeconds(1)).build(),
                        1 << 20, Duration.ofSeconds(2)).body();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[[0-9.]+,\\s*\"([0-9.]+)\"\\]").matcher(body);
                if (m.find() && Double.parseDouble(m.group(1)) * 1000 >= after.toEpochMilli()) {
                    return true;
                }
            } catch (IOException | NumberFormatException e) {
                // not answering yet: try again
            }
            // on the clock it was given, not the system's beside it
            clock.parkUntil(clock.nanoTime() + 200_000_000L);
            if (Thread.interrupted()) {
                throw new InterruptedException("waiting for Prometheus interrupted");
            }
        }
        return false;
    }

    /** Scrapes {@code target} from now on (its file replaces one of the same job and address). */
    @Override
    public void add(PrometheusConfig.Target target) throws IOException {
        Path dir = home.resolve(PrometheusConfig.TARGETS_DIR);
        Path tmp = dir.resolve("." + target.fileName() + ".tmp");
        Files.writeString(tmp, PrometheusConfig.targetFile(target));
        Files.move(tmp, dir.resolve(target.fileName()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path home() {
        return home;
    }

    /** Blocks until Prometheus ends (Ctrl-C ends both). */
    int waitFor() throws InterruptedException {
        return process.waitFor(Duration.ofDays(365));
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
