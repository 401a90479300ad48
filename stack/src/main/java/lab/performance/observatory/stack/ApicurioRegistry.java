package lab.performance.observatory.stack;

import lab.performance.observatory.process.FreePorts;
import lab.performance.observatory.process.ChildProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.time.NanoClock;

/**
 * A real Apicurio Registry (the {@code io.apicurio:apicurio-registry-app:2.6.13.Final} distribution
 * from Maven Central, unpacked by the build; runs on Java 17) with in-memory storage, on 127.0.0.1
 * and a free port. Clients use its Confluent-compatible API.
 */
public final class ApicurioRegistry implements AutoCloseable {

    public static final String VERSION = "2.6.13.Final";
    public static final String RUNNER = "apicurio-registry-app-" + VERSION + "-runner.jar";
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ChildProcess process;
    private final int port;

    private ApicurioRegistry(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the registry unpacked in {@code installDirectory} and waits until its API answers. */
    public static ApicurioRegistry start(Path installDirectory, Path log, List<String> jvmOptions) throws IOException {
        Path runner = installDirectory.resolve(RUNNER);
        if (!Files.isRegularFile(runner)) {
            throw new IOException("Apicurio Registry " + VERSION + " is not unpacked at " + installDirectory
                    + " (./mvnw -DskipTests package unpacks it)");
        }
        int port = FreePorts.pick();
        List<String> options = new java.util.ArrayList<>(jvmOptions);
        options.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.level=WARN", "-Dquarkus.log.category.\"io.apicurio\".level=WARN"));
        ChildProcess process = ChildProcess.start("schema registry", ChildProcess.javaJarCommand(options, runner, List.of()), log, Map.of());
        ApicurioRegistry registry = new ApicurioRegistry(process, port);
        try {
            registry.awaitReady(NanoClock.system());
        } catch (IOException | RuntimeException e) {
            process.stop(Duration.ofSeconds(10));
            throw e;
        }
        return registry;
    }

    private void awaitReady(NanoClock clock) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = clock.nanoTime() + START_TIMEOUT.toNanos();
        URI subjects = ccompatUrl().resolve("subjects");
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("the schema registry exited while starting; last lines of " + process.logFile() + ":\n" + process.tail(15));
            }
            try {
                if (http.send(HttpRequest.newBuilder(subjects).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for the schema registry", e);
            }
            if (clock.nanoTime() > deadline) {
                throw new IOException("the schema registry did not answer within " + START_TIMEOUT.toSeconds() + " s; last lines of "
                        + process.logFile() + ":\n" + process.tail(15));
            }
            clock.parkUntil(clock.nanoTime() + 250_000_000L);
        }
    }

    /** The Confluent-compatible API, ending in {@code /apis/ccompat/v7/}. */
    public URI ccompatUrl() {
        return URI.create("http://127.0.0.1:" + port + "/apis/ccompat/v7/");
    }

    public ProcessHandle handle() {
        return process.handle();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
