package lab.performance.observatory.stack;

import java.nio.file.Path;
import java.util.Map;
import lab.performance.observatory.process.ParentWatch;

/**
 * Runs {@link KafkaBroker} as its own process so its CPU and memory can be measured apart from the
 * rest, on free ports or the ports given (a restart). Prints {@code CONTROLLER <port>}, then
 * {@code READY <bootstrap>} on stdout once serving; stops on SIGTERM or when its
 * parent dies.
 */
public final class KafkaBrokerMain {

    public static final String READY = "READY ";
    /** Printed just before {@link #READY}: the controller's port, for a restart on the same ports. */
    public static final String CONTROLLER = "CONTROLLER ";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: KafkaBrokerMain LOG_DIRECTORY [PORT CONTROLLER_PORT]");
            System.exit(2);
        }
        ParentWatch.startFromSystemProperty();
        LoopbackJmxServer.startFromSystemProperties();
        KafkaBroker broker = args.length == 3
                ? KafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Map.of())
                : KafkaBroker.start(Path.of(args[0]), Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println(CONTROLLER + broker.controllerPort());
        System.out.println(READY + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
