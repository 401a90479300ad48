package lab.performance.observatory.stack;

import java.nio.file.Path;
import java.util.Map;
import lab.performance.observatory.process.ParentWatch;

/**
 * Runs {@link KafkaBroker} as its own process so its CPU and memory can be measured apart from the
 * rest. Prints {@code READY <bootstrap>} on stdout once serving; stops on SIGTERM or when its
 * parent dies.
 */
public final class KafkaBrokerMain {

    public static final String READY = "READY ";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KafkaBrokerMain LOG_DIRECTORY");
            System.exit(2);
        }
        ParentWatch.startFromSystemProperty();
        LoopbackJmxServer.startFromSystemProperties();
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]), Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println(READY + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
