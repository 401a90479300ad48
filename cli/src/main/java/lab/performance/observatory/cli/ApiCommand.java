package lab.performance.observatory.cli;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.process.FreePorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "api", description = "Serves the HTTP API (REST under /api/v1, OpenAPI at /q/openapi) on the stored runs; Ctrl-C stops it.")
final class ApiCommand implements Callable<Integer> {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen on 127.0.0.1:PORT (default: 8090 if free, else any free port).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        if (port != null && (port < 1 || port > 65535)) {
            throw CliException.badInput("--port: must be a port number 1..65535, not " + port);
        }
        int chosen = port != null ? port : (FreePorts.isFree(8090) ? 8090 : FreePorts.pick());
        try (Infrastructure infrastructure = Infrastructure.start(stack, false, stack.dataDir().resolve("logs"), parent.console);
             ChildProcess api = ChildJvms.api(Map.of("quarkus.http.host", "127.0.0.1", "quarkus.http.port", Integer.toString(chosen),
                     "quarkus.datasource.jdbc.url", infrastructure.jdbcUrl()), stack.dataDir().resolve("logs").resolve("api.log"));
             AutoCloseable onCtrlC = ShutdownActions.register(api::close)) {
            String url = "http://127.0.0.1:" + chosen;
            ChildReadiness.await(api, URI.create(url + "/q/health/ready"), READY_TIMEOUT, NanoClock.system());
            parent.console.step("API: " + url + "/api/v1/runs (OpenAPI: " + url + "/q/openapi); Ctrl-C stops it");
            api.waitFor(Duration.ofDays(365));
        }
        return 0;
    }
}
