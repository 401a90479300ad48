package lab.performance.observatory.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.process.FreePorts;
import lab.performance.observatory.stack.EmbeddedStack;

/** The real API application as its own process, as {@code observatory api} starts it, on this test JVM's PostgreSQL and broker; ready when returned. */
final class ApiProcess implements AutoCloseable {

    final ChildProcess process;
    final URI root;
    final int port;

    private ApiProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
        this.root = URI.create("http://127.0.0.1:" + port);
    }

    /** @param settings the API's own settings on top (token, launcher, data and profile directories) */
    static ApiProcess start(Map<String, String> settings, Path log) throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        int port = FreePorts.pick();
        ChildSecrets.Database database = ChildSecrets.Database.of(stack.jdbcUrl(), log.resolveSibling("secrets"));
        Map<String, String> p = new LinkedHashMap<>(Map.of("quarkus.http.host", "127.0.0.1", "quarkus.http.port", Integer.toString(port),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(), "observatory.api.bootstrap-servers", stack.bootstrapServers()));
        p.putAll(settings);
        ApiProcess api = new ApiProcess(ChildJvms.api(p, database.environment(), log), port);
        try {
            ChildReadiness.await(api.process, api.root.resolve("/q/health/ready"), Duration.ofSeconds(60), NanoClock.system());
            return api;
        } catch (Exception | AssertionError e) {
            api.close();
            throw e;
        }
    }

    /** The settings that let it start runs: the token, this checkout's launcher, and where runs keep their data. */
    static Map<String, String> startingRuns(String token, Path dataDir) {
        return Map.of("observatory.api.token", token, "observatory.api.runner", ObservatoryCli.home().resolve("bin/observatory").toString(),
                "observatory.api.data-dir", dataDir.toString());
    }

    @Override
    public void close() {
        process.close();
    }
}
