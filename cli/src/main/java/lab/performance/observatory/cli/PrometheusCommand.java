package lab.performance.observatory.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "prometheus",
        description = "Serves the series that runs with --prometheus stored (DATA_DIR/prometheus) in Prometheus again, to browse and query past runs; Ctrl-C stops it.")
final class PrometheusCommand implements Callable<Integer> {

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen on 127.0.0.1:PORT (default: 9090 if free, else any free port).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        if (port != null && (port < 1 || port > 65535)) {
            throw CliException.badInput("--port: must be a port number 1..65535, not " + port);
        }
        Path home = stack.dataDir().resolve("prometheus");
        if (!Files.isDirectory(home.resolve("data"))) {
            throw CliException.badInput("no stored Prometheus data in " + home + ": run a benchmark with --prometheus first");
        }
        Path binary = LocalPrometheus.binary("prometheus");
        try (LocalPrometheus prometheus = LocalPrometheus.start(binary, home, port == null ? 0 : port, false, home.resolve("serve.log"), lab.performance.observatory.core.time.NanoClock.system());
             AutoCloseable onCtrlC = ShutdownActions.register(prometheus::close)) {
            parent.console.step("Prometheus: " + prometheus.url() + " serves the stored series of past runs (" + home
                    + "); Ctrl-C stops it");
            prometheus.waitFor();
        }
        return 0;
    }
}
