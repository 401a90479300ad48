package lab.performance.observatory.stack;

import java.nio.file.Path;
import java.util.Map;
import lab.performance.observatory.process.ParentWatch;

/**
 * Runs {@link KafkaBroker} as its own process so its CPU and memory can be measured apart from the
 * rest, on free ports or the ports given (a restart), alone or as one node of a cluster. Prints {@code CONTROLLER <port>}, then
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
        if (args.length != 1 && args.length != 3 && args.length != 6) {
            System.err.println("usage: KafkaBrokerMain LOG_DIRECTORY [PORT CONTROLLER_PORT [NODE_ID VOTERS CLUSTER_ID]]");
            System.exit(2);
        }
        ParentWatch.startFromSystemProperty();
        LoopbackJmxServer.startFromSystemProperties();
        Path dir = Path.of(args[0]);
        KafkaBroker broker = switch (args.length) {
            case 1 -> KafkaBroker.start(dir, Map.of());
            case 3 -> KafkaBroker.start(dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Map.of());
            default -> KafkaBroker.start(dir, Integer.parseInt(args[3]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[4], args[5],
                    Map.of());
        };
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println(CONTROLLER + broker.controllerPort());
        System.out.println(READY + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
