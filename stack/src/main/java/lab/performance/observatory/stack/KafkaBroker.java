package lab.performance.observatory.stack;

import lab.performance.observatory.process.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Kafka broker in KRaft combined mode (broker and controller in one process) on 127.0.0.1.
 * The log directory is formatted once and reused afterwards with its own cluster id.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;
    private final int controllerPort;

    private KafkaBroker(KafkaRaftServer server, int port, int controllerPort) {
        this.server = server;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a broker on free ports; {@code overrides} replace any default broker property. */
    public static KafkaBroker start(Path logDirectory, Map<String, String> overrides) throws IOException {
        return start(logDirectory, FreePorts.pick(), FreePorts.pick(), overrides);
    }

    /** Starts a broker on these ports: a restart on the ports clients already know (the broker-restart fault). */
    public static KafkaBroker start(Path logDirectory, int port, int controllerPort, Map<String, String> overrides) throws IOException {
        return start(logDirectory, 1, port, controllerPort, "1@127.0.0.1:" + controllerPort, Uuid.randomUuid().toString(), overrides);
    }

    /**
     * Starts node {@code nodeId} of a KRaft cluster whose every node is broker and controller:
     * {@code voters} names every controller ({@code id@host:port,...}); {@code clusterId} formats
     * the log directory the first time (all nodes of a cluster share it) and is ignored afterwards.
     * Internal topics get three replicas (min ISR 2) once there are three voters, as on k3s.
     */
    public static KafkaBroker start(Path logDirectory, int nodeId, int port, int controllerPort, String voters, String clusterId,
                                    Map<String, String> overrides) throws IOException {
        Properties props = brokerProperties(logDirectory, port, controllerPort);
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", voters);
        int nodes = voters.split(",").length;
        String replicas = Integer.toString(Math.min(3, nodes));
        String minIsr = Integer.toString(Math.min(2, nodes));
        props.put("offsets.topic.replication.factor", replicas);
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.putAll(overrides);
        formatOnce(logDirectory, props, clusterId);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, port, controllerPort);
    }

    static Properties brokerProperties(Path logDirectory, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDirectory.toAbsolutePath().toString());
        // topics are planned and created explicitly; a typo must not silently create one
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        // one broker (start() raises these for a cluster): every internal topic has a single replica, and few partitions start faster
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // two cores are shared with the whole pipeline
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.retention.hours", "24");
        return p;
    }

    private static void formatOnce(Path logDirectory, Properties props, String clusterId) throws IOException {
        Files.createDirectories(logDirectory);
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        Path config = logDirectory.resolveSibling(logDirectory.getFileName() + "-format.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "written to format the KRaft log directory");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()}, print);
        } finally {
            Files.deleteIfExists(config);
        }
        if (status != 0) {
            throw new IOException("formatting " + logDirectory + " failed: " + output.toString(StandardCharsets.UTF_8).trim());
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
