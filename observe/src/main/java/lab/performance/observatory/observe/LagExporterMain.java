package lab.performance.observatory.observe;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.process.ParentWatch;

/**
 * The lag exporter as a process (a Deployment on k3s):
 * <pre>LagExporterMain --bootstrap-servers HOST:PORT [--port 9404] [--host 0.0.0.0] [--groups REGEX]</pre>
 * Bad arguments: one line saying what to fix and exit code 2.
 */
public final class LagExporterMain {

    static final String USAGE = "usage: LagExporterMain --bootstrap-servers HOST:PORT [--port 9404] [--host 0.0.0.0] [--groups REGEX]";

    public record Arguments(String bootstrapServers, String host, int port, Pattern groups) {

        public static Arguments parse(List<String> args) {
            String bootstrap = null;
            String host = "0.0.0.0";
            int port = 9404;
            Pattern groups = Pattern.compile(".*");
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (i + 1 == args.size()) {
                    throw new IllegalArgumentException(arg.startsWith("--") ? arg + " needs a value; " + USAGE : "unexpected argument " + arg + "; " + USAGE);
                }
                String value = args.get(++i);
                switch (arg) {
                    case "--bootstrap-servers" -> bootstrap = value;
                    case "--host" -> host = value;
                    case "--port" -> {
                        try {
                            port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            port = -1;
                        }
                        if (port < 0 || port > 65535) {
                            throw new IllegalArgumentException("--port must be a port number 0..65535, got '" + value + "'");
                        }
                    }
                    case "--groups" -> {
                        try {
                            groups = Pattern.compile(value);
                        } catch (PatternSyntaxException e) {
                            throw new IllegalArgumentException("--groups must be a regular expression: " + e.getDescription() + " in '" + value + "'");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
                }
            }
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new IllegalArgumentException("--bootstrap-servers is required; " + USAGE);
            }
            return new Arguments(bootstrap, host, port, groups);
        }
    }

    private LagExporterMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Arguments arguments;
        try {
            arguments = Arguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ParentWatch.startFromSystemProperty();
        LagExporter exporter = LagExporter.start(arguments.bootstrapServers(), g -> arguments.groups().matcher(g).matches(),
                arguments.host(), arguments.port(), NanoClock.system());
        System.out.println("lag exporter on " + exporter.url() + " for " + arguments.bootstrapServers());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exporter.close();
            stopped.countDown();
        }, "lag-exporter-stop"));
        stopped.await();
    }
}
