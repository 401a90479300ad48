package lab.performance.observatory.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.process.ChildProcess;

/** Waiting for a child process's HTTP readiness endpoint to answer 200, failing at once when the process exits instead. */
final class ChildReadiness {

    private ChildReadiness() {
    }

    static void await(ChildProcess child, URI ready, Duration timeout, NanoClock clock) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = clock.nanoTime() + timeout.toNanos();
        while (clock.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw CliException.infrastructure(child.name() + " exited while starting; last lines of " + child.logFile() + ":\n"
                        + child.tail(15), null);
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            // on the clock it was given, not the system's beside it
            clock.parkUntil(clock.nanoTime() + 200_000_000L);
            if (Thread.interrupted()) {
                throw new InterruptedException("waiting for " + child.name() + " interrupted");
            }
        }
        throw CliException.infrastructure(child.name() + " was not ready after " + timeout.toSeconds() + " s (see " + child.logFile() + ")", null);
    }
}
