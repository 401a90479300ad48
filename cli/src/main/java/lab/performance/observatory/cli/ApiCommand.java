package lab.performance.observatory.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "api", description = "Serves the HTTP API (REST under /api/v1, GraphQL at /graphql, OpenAPI at /q/openapi) and the dashboard on the stored runs; "
        + "starts runs posted to it; Ctrl-C stops it.")
final class ApiCommand implements Callable<Integer> {

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Option(names = "--port", paramLabel = "PORT", description = "Listen on 127.0.0.1:PORT (default: 8090 if free, else any free port).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        ApiServer.checkPort(port);
        ApiServer.serve(stack, port, parent.console);
        return 0;
    }
}
