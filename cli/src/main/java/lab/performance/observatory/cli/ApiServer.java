package lab.performance.observatory.cli;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.process.FreePorts;

/**
 * The API application as a child JVM on the local stack (PostgreSQL and Kafka, embedded unless
 * given), until Ctrl-C ({@code observatory api},
 * {@code observatory run --serve}). It starts posted runs with this launcher's {@code run} command
 * on the same stack (docs/api.md, "Starting runs"), so a run started from the API goes through the
 * same lifecycle as one started here.
 */
final class ApiServer {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private ApiServer() {
    }

    static void checkPort(Integer port) {
        if (port != null && (port < 1 || port > 65535)) {
            throw CliException.badInput("--port: must be a port number 1..65535, not " + port);
        }
    }

    static void serve(StackOptions stack, Integer port, Console console) throws Exception {
        int chosen = port != null ? port : (FreePorts.isFree(8090) ? 8090 : FreePorts.pick());
        // the stack runs started here share for as long as the API is up: its PostgreSQL, and its Kafka, which carries the live feed
        try (Infrastructure infrastructure = Infrastructure.start(stack, true, stack.dataDir().resolve("logs"), console);
             RunTopics topics = RunTopics.ensuringLive(infrastructure.bootstrapServers());
             ChildProcess api = ChildJvms.api(properties(stack, infrastructure.jdbcUrl(), infrastructure.bootstrapServers(), chosen),
                     infrastructure.childEnvironment(), stack.dataDir().resolve("logs").resolve("api.log"));
             AutoCloseable onCtrlC = ShutdownActions.register(api::close)) {
            String url = "http://127.0.0.1:" + chosen;
            ChildReadiness.await(api, URI.create(url + "/q/health/ready"), READY_TIMEOUT, NanoClock.system());
            console.step("API and dashboard: " + url + "/ (REST " + url + "/api/v1/runs, GraphQL " + url + "/graphql, OpenAPI " + url
                    + "/q/openapi); Ctrl-C stops it");
            api.waitFor(Duration.ofDays(365));
        }
    }

    /** The API's configuration: where it listens, its PostgreSQL, and how it starts runs (this launcher, on the same stack). */
    static Map<String, String> properties(StackOptions stack, String jdbcUrl, String bootstrapServers, int port) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.http.host", "127.0.0.1");
        p.put("quarkus.http.port", Integer.toString(port));
        p.put("quarkus.datasource.jdbc.url", jdbcUrl);
        p.put("observatory.api.runner", ObservatoryCli.home().resolve("bin/observatory").toString());
        p.put("observatory.api.data-dir", stack.dataDir().toString());
        p.put("observatory.api.profiles-dir", ObservatoryCli.home().resolve("load-profiles").toString());
        p.put("observatory.api.bootstrap-servers", bootstrapServers);
        return p;
    }
}
