package lab.performance.observatory.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import lab.performance.observatory.core.lifecycle.GeneratorState;
import lab.performance.observatory.core.lifecycle.Readiness;
import lab.performance.observatory.core.lifecycle.TopologyLaunch;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.TopicPlan;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.lifecycle.KafkaConsumerGroups;
import lab.performance.observatory.lifecycle.RunExecutor;
import lab.performance.observatory.lifecycle.RunOutcome;
import lab.performance.observatory.lifecycle.RunState;
import lab.performance.observatory.observe.LagExporter;
import lab.performance.observatory.observe.MetricsServer;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.process.FreePorts;
import lab.performance.observatory.store.RunStore;
import lab.performance.observatory.store.WindowRecords;

/**
 * A run on this machine, for the lifecycle: the plan's topics on the given or embedded Kafka, the
 * topology and the planned generators as child JVMs (each measured on its own), /proc and broker
 * JMX samplers, flight recordings, and progress on the console. Everything it starts it stops.
 */
final class LocalRunExecutor implements RunExecutor, AutoCloseable {

    /** What a local run leaves and records beyond the spec: see {@code observatory run --help}. */
    record Settings(boolean keepTopics, boolean profile, boolean recordLatency, boolean metrics) {
    }

    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    static final int RATE_REPORTS = 5;

    private final BenchmarkSpec spec;
    private final Plan plan;
    private final RunNaming naming;
    private final Infrastructure infrastructure;
    private final RunStore store;
    private final Path runDir;
    private final Path logs;
    private final Settings settings;
    private final ScrapeTargets targets;
    private final Console console;
    private final NanoClock clock;
    private final RunTopics topics;
    private final KafkaConsumerGroups groups;
    private final LocalMeasurements measurements;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HEALTH_TIMEOUT).build();
    private boolean topicsCreated;
    private volatile ChildProcess topology;
    private Map<String, String> topologyProperties;
    private int topologyStarts = 1;
    /** While a fault stops the topology on purpose (killed, or failing as the fault intends), its exit does not fail the run. */
    private volatile boolean topologyMayStop;
    private final List<Runnable> onGenerationStarted = new ArrayList<>();
    private URI health;
    private long topologyStartedAt;
    private boolean topologyReported;
    private volatile LocalGenerators generators;
    private long generationStartedAt;
    /**
     * Acknowledged events at the generators' last progress reports (one per second of generation):
     * the progress line's rate is over the last few of them, timed by the generator, not by when
     * this process happened to look.
     */
    private final Deque<long[]> recent = new ArrayDeque<>();
    private RunOutcome outcome;

    LocalRunExecutor(BenchmarkSpec spec, Plan plan, RunNaming naming, Infrastructure infrastructure, RunStore store, RunTopics topics,
                     Path runDir, Settings settings, ScrapeTargets targets, Console console, NanoClock clock) throws IOException {
        this.spec = spec;
        this.plan = plan;
        this.naming = naming;
        this.infrastructure = infrastructure;
        this.store = store;
        this.topics = topics;
        this.runDir = runDir;
        this.logs = Files.createDirectories(runDir.resolve("logs"));
        Path profiles = settings.profile() ? Files.createDirectories(runDir.resolve("profiles")) : null;
        this.settings = settings;
        this.targets = targets;
        this.console = console;
        this.clock = clock;
        this.groups = new KafkaConsumerGroups(topics.admin(), Clock.systemUTC());
        this.measurements = new LocalMeasurements(infrastructure, profiles, console, clock);
        started.push(measurements);
    }

    @Override
    public void provision(RunState run) throws Exception {
        if (!topicsCreated) {
            topics.create(plan.topics());
            topics.ensureLive(TopologyLaunch.DEFAULT_LIVE_TOPIC);
            topicsCreated = true;
            started.push(this::removeTopics);
            console.step(describeTopics());
        }
        if (topology == null) {
            startTopology();
        }
    }

    /** {@code Topics obs.RUN.{market 1, logs 1, dead-letter 1} partition(s) as planned, replication 1}. */
    private String describeTopics() {
        List<String> each = new ArrayList<>();
        for (TopicPlan t : plan.topics()) {
            each.add(t.name().substring(naming.topicPrefix().length() + 1) + " " + t.partitions().value());
        }
        return "Topics " + naming.topicPrefix() + ".{" + String.join(", ", each) + "} partition(s) as planned, replication "
                + plan.topics().get(0).replicationFactor().value();
    }

    private void startTopology() throws IOException {
        int port = FreePorts.pick();
        Map<String, String> props = new LinkedHashMap<>(TopologyLaunch.properties(spec, plan, new TopologyLaunch.Target(
                infrastructure.bootstrapServers(), naming.applicationId(),
                Optional.ofNullable(infrastructure.registryUrl()).map(URI::toString), settings.recordLatency(), settings.metrics(),
                Optional.of(TopologyLaunch.DEFAULT_LIVE_TOPIC))));
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("kafka-streams.state.dir", runDir.resolve("kafka-streams").toString());
        props.put("quarkus.datasource.jdbc.url", infrastructure.jdbcUrl());
        topologyProperties = props;
        topology = ChildJvms.topology(props, topologyEnvironment(), logs.resolve("topology.log"), measurements.recording("topology"));
        started.push(() -> topology.stop(Duration.ofSeconds(30)));
        health = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        topologyStartedAt = clock.nanoTime();
        measurements.watch("topology", topology.handle());
        measurements.start();
        Map<String, String> labels = Map.of("run", naming.runId());
        targets.add(new PrometheusConfig.Target("topology", "127.0.0.1:" + port, "/q/metrics", labels));
        LagExporter lag = measurements.startLag(naming.applicationId());
        targets.add(new PrometheusConfig.Target("lag-exporter", "127.0.0.1:" + lag.port(), MetricsServer.PATH, labels));
    }

    @Override
    public Readiness readiness(RunState run) throws Exception {
        if (!topology.isAlive()) {
            throw CliException.infrastructure("the topology exited while starting; last lines of " + topology.logFile() + ":\n"
                    + topology.tail(15), null);
        }
        boolean healthy = healthy();
        if (healthy && !topologyReported) {
            topologyReported = true;
            console.step(String.format(Locale.ROOT, "Topology ready: %s decoding, %d stream thread(s)%s (%.1f s)",
                    spec.topology().strategy().wireName(), plan.streamThreads().value(),
                    spec.topology().batchSize().isPresent() ? ", " + spec.topology().batchSize().getAsInt() + " records per poll" : "",
                    (clock.nanoTime() - topologyStartedAt) / 1e9));
        }
        boolean consuming = healthy && groups.consumingAll(naming.applicationId(), inputTopics());
        int planned = plan.topics().size();
        return new Readiness(topicsCreated ? planned : 0, planned, healthy ? 1 : 0, 1, consuming);
    }

    private boolean healthy() throws InterruptedException {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).timeout(HEALTH_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    private List<String> inputTopics() {
        return plan.inputTopics().stream().map(TopicPlan::name).toList();
    }

    @Override
    public void startGenerators(RunState run, int instances) throws Exception {
        generators = LocalGenerators.start(run.runId(), instances, infrastructure, logs, measurements, targets);
        started.push(generators);
        generationStartedAt = clock.nanoTime();
        console.step("Generating with " + instances + " generator(s)...");
        onGenerationStarted.forEach(Runnable::run);
    }

    /** How many of the run's input partitions each broker leads now, by broker id. */
    Map<Integer, Long> inputLeaders() {
        try {
            return topics.leaders(inputTopics());
        } catch (Exception e) {
            console.step("warning: could not read the input partitions' leaders: " + e.getMessage());
            return Map.of();
        }
    }

    /**
     * The dead-letter topic refuses every record ({@code max.message.bytes} 1: any record is too large)
     * or takes them again (the plan sets no value of its own: the broker's default comes back).
     */
    void refuseDeadLetters(boolean refuse) throws Exception {
        topics.setConfig(plan.deadLetterTopic().name(), "max.message.bytes", refuse ? "1" : null);
    }

    /** Progress reports the generators have made so far (one a second each once sending). */
    long generatorReports() {
        LocalGenerators g = generators;
        return g == null ? 0 : g.totals().reports();
    }

    /** What to do once generation has started (the chaos command's fault schedule begins then). */
    void onGenerationStarted(Runnable action) {
        onGenerationStarted.add(action);
    }

    /**
     * The topology's environment: the database's, and a static group membership under a fixed instance
     * name, as a pod's, so that a restarted topology takes its partitions back at once instead of
     * waiting out the killed one's session (45 s).
     */
    private Map<String, String> topologyEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(infrastructure.childEnvironment());
        env.put(TOPOLOGY_INSTANCE_VARIABLE, "local-topology");
        return env;
    }

    /** Read by the topology's StaticMembershipConfigSource. */
    static final String TOPOLOGY_INSTANCE_VARIABLE = "OBSERVATORY_TOPOLOGY_INSTANCE_ID";

    /** SIGKILL of the topology: no flush, no commit, no leaving its group (the topology-kill fault). */
    void killTopology() {
        topologyMayStop = true;
        topology.handle().destroyForcibly();
        topology.handle().onExit().join();
    }

    /**
     * The topology again, as first started (its port, state directory, group instance), measured as the
     * same component; its log gets a number of its own.
     */
    synchronized void restartTopology() throws IOException {
        int n = ++topologyStarts;
        topology = ChildJvms.topology(topologyProperties, topologyEnvironment(), logs.resolve("topology-" + n + ".log"),
                measurements.recording("topology")); // the killed one never wrote its recording: this one's is the run's
        measurements.watch("topology", topology.handle());
        topologyMayStop = false;
    }

    boolean topologyExits(Duration within) throws InterruptedException {
        return topology.waitFor(within) != -1;
    }

    /** While a fault may stop the topology, its exit is the fault's effect, not the run's end. */
    void topologyMayStop(boolean may) {
        topologyMayStop = may;
    }

    @Override
    public java.util.Optional<String> topologyStopped(RunState run) {
        ChildProcess current = topology;
        if (topologyMayStop || current == null) {
            return java.util.Optional.empty();
        }
        java.util.OptionalInt exit = current.exitStatusIfEnded();
        if (exit.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(TopologyExit.describe(exit.getAsInt(), current.tail(300), current.logFile()));
    }

    /** Samples a restarted component's new process under its old name (CPU counts on from the old one's). */
    void watch(String component, ProcessHandle process, boolean tree) {
        if (tree) {
            measurements.watchTree(component, process);
        } else {
            measurements.watch(component, process);
        }
    }

    @Override
    public GeneratorState generators(RunState run) throws Exception {
        GeneratorState state = generators.state();
        LocalGenerators.Totals t = generators.totals();
        if (state instanceof GeneratorState.Finished) {
            console.step(String.format(Locale.ROOT, "Generated %,d events (%,d sent, %,d failed), max schedule slip %.1f ms",
                    t.acked(), t.sent(), t.failed(), t.maxSlipMs()));
        } else if (state instanceof GeneratorState.Sending) {
            WindowRecords.Processed processed = processedSoFar(run.runId());
            long now = clock.nanoTime();
            double total = spec.duration().toMillis() / 1000.0;
            double elapsed = Math.min(total, (now - generationStartedAt) / 1e9);
            if (recent.isEmpty() || recent.peekLast()[0] != t.reports()) {
                recent.addLast(new long[] {t.reports(), t.acked()});
                if (recent.size() > RATE_REPORTS + 1) {
                    recent.pollFirst();
                }
            }
            long seconds = recent.peekLast()[0] - recent.peekFirst()[0];
            double rate = seconds <= 0 ? 0 : (double) (recent.peekLast()[1] - recent.peekFirst()[1]) / seconds;
            console.progress(String.format(Locale.ROOT,
                    "[%4.0f/%.0f s] generated %,d (%,.0f/s)  processed %s  dead-lettered %s  max slip %.1f ms",
                    elapsed, total, t.acked(), rate, processed == null ? "? (PostgreSQL unreachable)" : String.format(Locale.ROOT, "%,d",
                            processed.events()), processed == null ? "?" : String.format(Locale.ROOT, "%,d", processed.deadLettered()),
                    t.maxSlipMs()));
        }
        return state;
    }

    /** For the progress line only: PostgreSQL out of reach (a fault) does not stop the run, it shows as unknown. */
    private WindowRecords.Processed processedSoFar(String runId) {
        try {
            return store.windows().processed(runId);
        } catch (java.sql.SQLException e) {
            return null;
        }
    }

    @Override
    public void stopGenerators(RunState run) {
        java.util.Optional.ofNullable(generators).ifPresent(LocalGenerators::close);
    }

    @Override
    public java.util.Optional<String> bootstrapServers() {
        return java.util.Optional.of(infrastructure.bootstrapServers());
    }

    @Override
    public void collect(RunFacts facts) throws Exception {
        targets.awaitScrape();
        stopGenerators(null); // done and scraped; their flight recordings are written as they exit, before they are analysed
        int exit = topology.stop(Duration.ofSeconds(60));
        if (exit != 0 && exit != 143) {
            console.step("warning: the topology exited with status " + exit + " (see " + topology.logFile() + ")");
        }
        List<String> components = new ArrayList<>(List.of("topology"));
        components.addAll(LocalGenerators.components((int) plan.generatorParallelism().value()));
        measurements.collect(store, facts, components);
        store.runs().saveArtifacts(facts.runId(), Map.of("html_report", ReportFiles.html(runDir).toString()));
    }

    @Override
    public void release(RunState run) {
        outcome = run.outcome();
        close();
    }

    /** Input topics go unless asked to keep them; the dead-letter topic stays when it holds something to look at. */
    private void removeTopics() {
        if (settings.keepTopics() || outcome == null) {
            return; // an unfinished run leaves its topics to look at
        }
        List<String> doomed = new ArrayList<>(inputTopics());
        if (outcome.report().events().deadLettered() == 0) {
            doomed.add(plan.deadLetterTopic().name());
        } else {
            console.step("Dead-lettered records are kept in " + plan.deadLetterTopic().name());
        }
        try {
            topics.delete(doomed);
        } catch (Exception e) {
            console.step("warning: could not delete the run's topics: " + e.getMessage());
        }
    }

    @Override
    public Map<String, String> environment() {
        return EnvironmentFingerprint.collect(spec, ObservatoryCli.home());
    }

    @Override
    public String reportLocation(String runId) {
        return runDir.resolve(ReportFiles.JSON).toAbsolutePath().toString();
    }

    /** Stops everything this run started, newest first; safe to call more than once. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("observatory: while stopping: " + e.getMessage());
            }
        }
    }
}
