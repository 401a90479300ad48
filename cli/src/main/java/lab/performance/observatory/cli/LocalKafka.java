package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.process.FreePorts;
import lab.performance.observatory.stack.KafkaBrokerMain;

/**
 * The embedded Kafka: one KRaft broker in its own JVM ({@code DATA_DIR/kafka}), or a cluster of
 * three on loopback ({@code --brokers 3}, {@code DATA_DIR/kafka-3/node-N}), every node broker and
 * controller, so replication 3 and min ISR 2 are applied as on k3s. A node can be stopped and started
 * again on its ports and data (the broker-restart fault).
 */
final class LocalKafka implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final List<Integer> SIZES = List.of(1, 3);

    /** One broker: its id, log directory, ports, JMX and process (the current one, after a restart). */
    static final class Node {
        final int id;
        final Path dir;
        final ChildSecrets.Jmx jmx;
        volatile int port;
        volatile int controllerPort;
        volatile ChildProcess process;

        Node(int id, Path dir, ChildSecrets.Jmx jmx) {
            this.id = id;
            this.dir = dir;
            this.jmx = jmx;
        }

        String address() {
            return "127.0.0.1:" + port;
        }
    }

    private final List<Node> nodes;
    private final String voters;
    private final String clusterId;
    private Path recordings;

    private LocalKafka(List<Node> nodes, String voters, String clusterId) {
        this.nodes = List.copyOf(nodes);
        this.voters = voters;
        this.clusterId = clusterId;
    }

    /**
     * Starts {@code brokers} (1 or 3) nodes and waits until every one serves; on a failure stops what it started.
     *
     * @param recordings where each node's flight recording goes ({@code broker.jfr}, or {@code broker-N.jfr}
     *                   in a cluster; a restarted node's replaces its predecessor's), or null for none
     */
    static LocalKafka start(Path dataDir, int brokers, Path logs, ChildSecrets.Jmx jmx, Path recordings) throws IOException {
        if (!SIZES.contains(brokers)) {
            throw CliException.badInput("--brokers: " + brokers + " is not a local cluster size (1 or 3)");
        }
        List<Node> nodes = new ArrayList<>();
        LocalKafka kafka;
        if (brokers == 1) {
            Node n = new Node(1, dataDir.resolve("kafka"), jmx);
            nodes.add(n);
            kafka = new LocalKafka(nodes, null, null);
        } else {
            Path cluster = Files.createDirectories(dataDir.resolve("kafka-" + brokers));
            for (int i = 1; i <= brokers; i++) {
                Node n = new Node(i, cluster.resolve("node-" + i), i == 1 ? jmx : jmx.onPort(FreePorts.pick()));
                n.port = FreePorts.pick();
                n.controllerPort = FreePorts.pick();
                nodes.add(n);
            }
            String voters = nodes.stream().map(n -> n.id + "@127.0.0.1:" + n.controllerPort).collect(Collectors.joining(","));
            kafka = new LocalKafka(nodes, voters, clusterId(cluster));
        }
        kafka.recordings = recordings;
        try {
            for (Node n : nodes) {
                kafka.launch(n, logs.resolve(brokers == 1 ? "broker.log" : "broker-" + n.id + ".log"));
            }
            for (Node n : nodes) {
                kafka.awaitReady(n);
            }
            return kafka;
        } catch (IOException | RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** A cluster's id, made once: every node's log directory is formatted with it. */
    private static String clusterId(Path cluster) throws IOException {
        Path file = cluster.resolve("cluster.id");
        if (!Files.exists(file)) {
            Files.writeString(file, org.apache.kafka.common.Uuid.randomUuid().toString());
        }
        return Files.readString(file).trim();
    }

    private void launch(Node n, Path log) throws IOException {
        List<String> args = new ArrayList<>();
        if (voters != null) {
            args.addAll(List.of(Integer.toString(n.port), Integer.toString(n.controllerPort), Integer.toString(n.id), voters, clusterId));
        } else if (n.port != 0) {
            args.addAll(List.of(Integer.toString(n.port), Integer.toString(n.controllerPort)));
        }
        Path recording = recordings == null ? null : recordings.resolve((nodes.size() == 1 ? "broker" : "broker-" + n.id) + ".jfr");
        n.process = ChildJvms.broker(n.dir, log, n.jmx, args, recording);
    }

    private void awaitReady(Node n) throws IOException {
        String ready = n.process.awaitLine(line -> line.startsWith(KafkaBrokerMain.READY), START_TIMEOUT);
        String address = ready.substring(KafkaBrokerMain.READY.length()).trim();
        n.port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        n.controllerPort = Integer.parseInt(n.process.awaitLine(line -> line.startsWith(KafkaBrokerMain.CONTROLLER), Duration.ZERO)
                .substring(KafkaBrokerMain.CONTROLLER.length()).trim());
    }

    String bootstrapServers() {
        return nodes.stream().map(Node::address).collect(Collectors.joining(","));
    }

    List<Node> nodes() {
        return nodes;
    }

    Node node(int id) {
        return nodes.stream().filter(n -> n.id == id).findFirst().orElseThrow(() -> new IllegalArgumentException("no broker " + id));
    }

    /** SIGTERM to a node: a clean shutdown (a cluster's other nodes take over its partitions' leadership). */
    void stop(int id) {
        ChildProcess p = node(id).process;
        if (p != null) {
            p.stop(Duration.ofSeconds(30));
        }
    }

    /** A stopped node again, on its ports, data and JMX; waits until it serves. */
    ChildProcess startAgain(int id, Path log) throws IOException {
        Node n = node(id);
        launch(n, log);
        awaitReady(n);
        return n.process;
    }

    /**
     * Stops every node at once: one after another, the last nodes of a cluster would wait out their
     * controlled shutdown without a controller quorum (tens of seconds each).
     */
    @Override
    public void close() {
        for (Node n : nodes) {
            if (n.process != null) {
                n.process.handle().destroy();
            }
        }
        for (Node n : nodes) {
            if (n.process != null) {
                n.process.stop(Duration.ofSeconds(30));
            }
        }
    }
}
