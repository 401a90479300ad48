package lab.performance.observatory.api;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts and aborts the runs posted to the API: each is the launcher's {@code run} command in its
 * own process ({@link RunLaunches#command}), one at a time, since a run holds the stack and the
 * machine it measures. Aborting is what Ctrl-C does to that command: SIGTERM, after which it
 * records the run as aborted and stops what it started. The API stopping aborts its run the same way.
 */
@ApplicationScoped
public class RunLauncher {

    private static final Logger LOG = Logger.getLogger(RunLauncher.class);
    static final Duration TIDY_UP = Duration.ofSeconds(30);

    /** One launched run: its process and where its output goes. */
    record Launch(String runId, Process process, Path log, Instant startedAt) {
        boolean alive() {
            return process.isAlive();
        }

        /** The last lines the run printed (its one-line error when it failed before it was recorded). */
        List<String> tail(int lines) {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                return all.subList(Math.max(0, all.size() - lines), all.size());
            } catch (IOException e) {
                return List.of();
            }
        }
    }

    private final ApiSettings settings;
    private final java.time.Clock clock;
    private final String jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();
    private Launch active;

    public RunLauncher(ApiSettings settings, java.time.Clock clock, @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.settings = settings;
        this.clock = clock;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts the run; refused (409) while another started here is going, and (503) when no launcher is
     * configured. A run already recorded as ended ({@code recordedEnded}) whose process is still
     * stopping what it started is waited for (up to {@link #TIDY_UP}): a client that saw it end may start the next.
     */
    synchronized Launch start(String runId, String specText, java.util.function.Predicate<String> recordedEnded) throws IOException {
        String runner = settings.runner().filter(r -> !r.isBlank()).orElseThrow(() -> ApiProblem.unavailable(
                "this API cannot start runs: it has no launcher; set observatory.api.runner to bin/observatory (observatory api does)"));
        if (active != null && active.alive() && recordedEnded.test(active.runId())) {
            try {
                active.process().waitFor(TIDY_UP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (active != null && active.alive()) {
            throw ApiProblem.conflict("run " + active.runId() + " holds the stack; wait for it to end or abort it with DELETE /api/v1/runs/"
                    + active.runId());
        }
        Path dir = Path.of(settings.dataDir().orElse(System.getProperty("java.io.tmpdir") + "/observatory-api")).resolve("api-runs");
        Files.createDirectories(dir);
        Path spec = dir.resolve(runId + ".yaml");
        Files.writeString(spec, specText, StandardCharsets.UTF_8); // JSON is YAML: the launcher reads either
        Path log = dir.resolve(runId + ".log");
        List<String> command = RunLaunches.command(runner, spec.toString(), runId, settings.bootstrapServers(), settings.dataDir());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(RunLaunches.environment(RunLaunches.jdbcUrl(jdbcUrl, user, password)));
        Process process = builder.start();
        LOG.infof("run %s started (pid %d); its output: %s", runId, process.pid(), log);
        Launch launch = new Launch(runId, process, log, clock.instant());
        launches.put(runId, launch);
        active = launch;
        return launch;
    }

    Optional<Launch> launch(String runId) {
        return Optional.ofNullable(launches.get(runId));
    }

    /** @return whether the run was going here and has now stopped (within {@code wait}) */
    boolean abort(String runId, Duration wait) throws InterruptedException {
        Launch launch = launches.get(runId);
        if (launch == null || !launch.alive()) {
            return false;
        }
        launch.process().destroy(); // SIGTERM: the run command records the run as aborted and stops what it started
        if (!launch.process().waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warnf("run %s did not stop within %s after SIGTERM; killing it", runId, wait);
            launch.process().destroyForcibly();
            launch.process().waitFor(10, TimeUnit.SECONDS);
        }
        return true;
    }

    void stopRuns(@Observes ShutdownEvent event) throws InterruptedException {
        for (Launch launch : launches.values()) {
            if (launch.alive()) {
                abort(launch.runId(), Duration.ofSeconds(30));
            }
        }
    }
}
