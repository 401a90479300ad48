package lab.performance.observatory.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.process.ParentWatch;
import lab.performance.observatory.generator.GeneratorMain;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.stack.KafkaBrokerMain;

/** Command lines of the components a run starts as their own JVMs, so each is measured on its own. */
final class ChildJvms {

    static final String TOPOLOGY_JAVA_OPTS = "OBSERVATORY_TOPOLOGY_JAVA_OPTS";
    static final String GENERATOR_JAVA_OPTS = "OBSERVATORY_GENERATOR_JAVA_OPTS";
    static final String BROKER_JAVA_OPTS = "OBSERVATORY_BROKER_JAVA_OPTS";
    static final String DEFAULT_BROKER_OPTS = "-Xms256m -Xmx512m -XX:+UseG1GC";
    static final String DEFAULT_TOPOLOGY_OPTS = "-Xms128m -Xmx256m -XX:+UseG1GC";
    static final String DEFAULT_GENERATOR_OPTS = "-Xms128m -Xmx256m -XX:+UseG1GC";

    private ChildJvms() {
    }

    static Path topologyJar() {
        Path jar = ObservatoryCli.home().resolve("topology/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw CliException.infrastructure("the topology is not built (" + jar + " is missing): run ./mvnw -DskipTests package", null);
        }
        return jar;
    }

    /** The API application ({@code api/}) with these configuration properties. */
    static ChildProcess api(Map<String, String> properties, Map<String, String> environment, Path log) throws IOException {
        Path jar = ObservatoryCli.home().resolve("api/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw CliException.infrastructure("the API is not built (" + jar + " is missing): run ./mvnw -DskipTests package", null);
        }
        List<String> options = jvmOptions("OBSERVATORY_API_JAVA_OPTS", "-Xms64m -Xmx256m");
        properties.forEach((k, v) -> options.add("-D" + k + "=" + v));
        return ChildProcess.start("api", ChildProcess.javaJarCommand(options, jar, List.of()), log, environment);
    }

    /** @param recording where its flight recording goes, or null for none */
    static ChildProcess topology(Map<String, String> properties, Map<String, String> environment, Path log, Path recording) throws IOException {
        List<String> options = jvmOptions(TOPOLOGY_JAVA_OPTS, DEFAULT_TOPOLOGY_OPTS);
        if (recording != null) {
            options.add(FlightRecordings.jvmOption(recording));
        }
        properties.forEach((k, v) -> options.add("-D" + k + "=" + v));
        List<String> command = ChildProcess.javaJarCommand(options, topologyJar(), List.of());
        return ChildProcess.start("topology", command, log, environment);
    }

    /** The ceiling's pass-through topology, with the pipeline topology's JVM options (docs/measurement.md, "Ceiling"). */
    static ChildProcess passThrough(List<String> args, List<String> inputs, Path log) throws IOException {
        List<String> all = new ArrayList<>(args);
        all.addAll(inputs);
        return ChildProcess.start("pass-through", ChildProcess.javaCommand(jvmOptions(TOPOLOGY_JAVA_OPTS, DEFAULT_TOPOLOGY_OPTS),
                System.getProperty("java.class.path"), PassThroughTopology.class.getName(), all), log, Map.of());
    }

    /** The ceiling's raw Kafka reader, with the pipeline topology's JVM options (docs/measurement.md, "Ceiling"). */
    static ChildProcess rawConsumer(List<String> args, Path log) throws IOException {
        return ChildProcess.start("raw consumer", ChildProcess.javaCommand(jvmOptions(TOPOLOGY_JAVA_OPTS, DEFAULT_TOPOLOGY_OPTS),
                System.getProperty("java.class.path"), RawConsumerMain.class.getName(), args), log, Map.of());
    }

    /** A ceiling probe's load, one instance of it, with the generator's JVM options (docs/measurement.md, "Ceiling"). */
    static ChildProcess probeLoad(List<String> args, Map<String, String> environment, Path log) throws IOException {
        return ChildProcess.start("probe load", ChildProcess.javaCommand(jvmOptions(GENERATOR_JAVA_OPTS, DEFAULT_GENERATOR_OPTS),
                System.getProperty("java.class.path"), ProbeLoadMain.class.getName(), args), log, environment);
    }

    /** Generator {@code instance} of {@code instances}, sending its share of the run. */
    static ChildProcess generator(String runId, int instance, int instances, String bootstrapServers, String jdbcUrl,
                                  Map<String, String> environment, URI registryUrl, int metricsPort, Path log, Path recording) throws IOException {
        List<String> options = jvmOptions(GENERATOR_JAVA_OPTS, DEFAULT_GENERATOR_OPTS);
        if (recording != null) {
            options.add(FlightRecordings.jvmOption(recording));
        }
        List<String> args = new ArrayList<>(List.of("--instance", Integer.toString(instance), "--instances", Integer.toString(instances),
                "--metrics-host", "127.0.0.1", "--metrics-port", Integer.toString(metricsPort), runId, bootstrapServers, jdbcUrl));
        if (registryUrl != null) {
            args.add(registryUrl.toString());
        }
        List<String> command = ChildProcess.javaCommand(options, System.getProperty("java.class.path"), GeneratorMain.class.getName(), args);
        return ChildProcess.start(instances == 1 ? "generator" : "generator " + instance, command, log, environment);
    }

    /**
     * A broker, with its metrics readable over JMX (loopback only, with the password of {@code jmx});
     * {@code args} after its log directory: none (free ports), its ports (a restart), or its ports,
     * node id, voters and cluster id (a node of a local cluster): see {@link KafkaBrokerMain}.
     *
     * @param recording where its flight recording goes (written when it exits), or null for none
     */
    static ChildProcess broker(Path dataDirectory, Path log, ChildSecrets.Jmx jmx, List<String> args, Path recording) throws IOException {
        List<String> options = jvmOptions(BROKER_JAVA_OPTS, DEFAULT_BROKER_OPTS);
        options.addAll(jmx.jvmOptions());
        if (recording != null) {
            options.add(FlightRecordings.jvmOption(recording));
        }
        List<String> all = new ArrayList<>(List.of(dataDirectory.toString()));
        all.addAll(args);
        List<String> command = ChildProcess.javaCommand(options,
                System.getProperty("java.class.path"), KafkaBrokerMain.class.getName(), all);
        return ChildProcess.start(args.size() == 5 ? "kafka broker " + args.get(2) : "kafka broker", command, log, Map.of());
    }

    /** A broker on free ports. */
    static ChildProcess broker(Path dataDirectory, Path log, ChildSecrets.Jmx jmx) throws IOException {
        return broker(dataDirectory, log, jmx, List.of(), null);
    }

    private static List<String> jvmOptions(String variable, String defaults) {
        String configured = System.getenv(variable);
        String text = configured == null || configured.isBlank() ? defaults : configured;
        List<String> options = new ArrayList<>(Arrays.asList(text.trim().split("\\s+")));
        options.add("-D" + ParentWatch.PROPERTY + "=" + ProcessHandle.current().pid());
        return options;
    }
}
