package lab.performance.observatory.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.ComparisonTable;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.core.verdict.Verdict;
import lab.performance.observatory.generator.GeneratorProgress;
import lab.performance.observatory.stack.ChildProcess;
import lab.performance.observatory.stack.FreePorts;
import lab.performance.observatory.stack.ResourceSampler;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunStore;
import lab.performance.observatory.store.TopicPartitionRef;
import lab.performance.observatory.store.WindowSink;
import org.apache.kafka.common.TopicPartition;

/**
 * One benchmark run, end to end: stack up, topics, topology, generation with progress, drain,
 * measurements stored, report computed from PostgreSQL, everything stopped again (also on Ctrl-C).
 */
final class BenchmarkRunner {

    /**
     * How the run ends, what it leaves behind, the schema registry it uses, whether its JVMs are
     * flight-recorded, whether the topology records end-to-end latency (off only to measure what
     * that costs), whether it is judged against a baseline at all, and which (a name or run id; null
     * for the spec's {@code comparison_baseline}, if any).
     */
    record Options(Duration drainTimeout, boolean keepTopics, Infrastructure.Registry registry, boolean profile,
                   boolean recordLatency, boolean judge, String baseline, Thresholds thresholds) {
    }

    /** The run's report and, when it had a baseline, its comparison with it. */
    record Outcome(RunReport report, Comparison comparison) {
        boolean failed() {
            return !report.targets().met() || comparison != null && comparison.verdict() == Verdict.REGRESSION;
        }
    }

    static final Duration TOPOLOGY_READY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration POLL = Duration.ofMillis(250);

    private final BenchmarkSpec spec;
    private final String runId;
    private final Path runDir;
    private final StackOptions stack;
    private final Options options;
    private final Console console;
    private final NanoClock clock = NanoClock.system();
    private final RunNaming naming;
    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
    private volatile RunStore store;
    private volatile boolean finished;
    private volatile boolean aborting;
    private URI healthUrl;

    BenchmarkRunner(BenchmarkSpec spec, String runId, Path runDir, StackOptions stack, Options options, Console console) {
        this.spec = spec;
        this.runId = runId;
        this.runDir = runDir;
        this.stack = stack;
        this.options = options;
        this.console = console;
        this.naming = new RunNaming(runId);
    }

    Outcome run() {
        try {
            Outcome outcome = measure();
            finished = true;
            return outcome;
        } catch (CliException e) {
            if (aborting) {
                throw CliException.interrupted(runId);
            }
            markEnded("failed");
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            markEnded("aborted");
            throw CliException.infrastructure("interrupted", e);
        } catch (Exception e) {
            if (aborting) {
                throw CliException.interrupted(runId);
            }
            markEnded("failed");
            throw CliException.infrastructure(e.getMessage(), e);
        } finally {
            closeAll();
        }
    }

    private Outcome measure() throws Exception {
        Path logs = Files.createDirectories(runDir.resolve("logs"));
        Path profiles = Files.createDirectories(runDir.resolve("profiles"));
        console.step("Run " + runId + ": " + describe(spec));
        Infrastructure infrastructure = Infrastructure.start(stack, true, options.registry(), logs, console);
        cleanup.push(infrastructure);
        // registered after the stack's own action, so on Ctrl-C it runs first: record, stop children, then the stack
        cleanup.push(ShutdownActions.register(this::abort));
        store = new RunStore(infrastructure.dataSource());
        if (infrastructure.ownsEmbeddedPostgres()) {
            // nobody else uses this data directory, so a run still marked running lost its process
            store.abandonAllRunning("aborted", Instant.now());
        }
        ObservatoryDatabase.ensureWindowPartitions(infrastructure.dataSource(), LocalDate.now(ZoneOffset.UTC).minusDays(1), 3);
        // before the run exists, so a baseline that is not there fails the command without leaving a failed run behind
        RunStore.Baseline baseline = baseline();
        store.createRun(runId, spec, EnvironmentFingerprint.collect(spec, ObservatoryCli.home()));

        List<String> inputs = spec.dataSources().stream().map(naming::topicOf).toList();
        RunTopics topics = new RunTopics(infrastructure.bootstrapServers());
        cleanup.push(topics);
        List<String> all = new ArrayList<>(inputs);
        all.add(naming.deadLetterTopic());
        int replication = topics.create(all, spec.concurrentStreams());
        console.step(String.format("Topics %s and %s: %d partition(s), replication %d", String.join(", ", inputs),
                naming.deadLetterTopic(), spec.concurrentStreams(), replication));

        ResourceSampler sampler = new ResourceSampler(clock, Duration.ofSeconds(1));
        cleanup.push(sampler);
        infrastructure.embeddedProcesses().forEach(sampler::watch);
        infrastructure.embeddedPostgres().ifPresent(p -> sampler.watchTree("postgres", p));
        BrokerMetricsSampler brokerMetrics = brokerMetrics(infrastructure);

        Path topologyRecording = options.profile() ? profiles.resolve("topology.jfr") : null;
        Path generatorRecording = options.profile() ? profiles.resolve("generator.jfr") : null;
        ChildProcess topology = startTopology(infrastructure, inputs, logs, topologyRecording);
        sampler.watch("topology", topology.handle());
        sampler.start();
        awaitReady(topology);

        ChildProcess generator = ChildJvms.generator(runId, infrastructure.bootstrapServers(), infrastructure.jdbcUrl(),
                infrastructure.registryUrl(), logs.resolve("generator.log"), generatorRecording);
        cleanup.push(() -> generator.stop(Duration.ofSeconds(30)));
        sampler.watch("generator", generator.handle());
        generate(generator);

        RunFacts.Drain drain = drain(topics, inputs, new WindowSink(infrastructure.dataSource(), naming.applicationId()));
        int topologyExit = topology.stop(Duration.ofSeconds(60));
        if (topologyExit != 0 && topologyExit != 143) {
            console.step("warning: the topology exited with status " + topologyExit + " (see " + topology.logFile() + ")");
        }
        sampler.sampleNow();
        sampler.close();
        store.saveResourceSamples(runId, sampler.samples());
        if (brokerMetrics != null) {
            brokerMetrics.sampleNow();
            brokerMetrics.close();
            if (brokerMetrics.lastError() != null) {
                console.step("warning: some broker metric samples failed (" + brokerMetrics.lastError() + ")");
            }
            store.saveBrokerSamples(runId, brokerMetrics.samples());
        }
        store.finish(runId, "completed", Instant.now(), drain);
        RunFacts facts = store.facts(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " has no facts after completing"));
        analyseRecording("topology", topologyRecording, facts);
        analyseRecording("generator", generatorRecording, facts);
        store.saveArtifacts(runId, Map.of("html_report", ReportFiles.html(runDir).toString()));

        RunReport report = store.rebuildReport(runId)
                .orElseThrow(() -> new IllegalStateException("run " + runId + " has no measurements after completing"));
        Comparison comparison = baseline == null ? null : Baselines.compare(report, baseline, options.thresholds());
        String json = ReportFiles.write(runDir, report, baseline == null ? null : baseline.report(), comparison);
        Path reportFile = runDir.resolve(ReportFiles.JSON);
        store.saveReport(runId, json, reportFile.toAbsolutePath().toString());
        removeTopics(topics, inputs, report);
        console.result(lab.performance.observatory.core.report.SummaryTable.render(report));
        if (comparison != null) {
            console.result("\n" + ComparisonTable.render(comparison));
        }
        console.step("Report: " + reportFile + " and " + ReportFiles.html(runDir));
        return new Outcome(report, comparison);
    }

    /** The baseline this run is judged against, resolved before the run so a typo fails fast. */
    private RunStore.Baseline baseline() throws SQLException {
        String wanted = options.baseline() != null ? options.baseline() : spec.comparisonBaseline().orElse(null);
        if (wanted == null || !options.judge()) {
            return null;
        }
        if (options.baseline() == null && store.baseline(wanted).isEmpty() && store.status(wanted).isEmpty()) {
            // the spec names a baseline nobody has set yet: the first runs of a benchmark have nothing to compare with
            console.step("Baseline " + wanted + " (from the spec) is not set yet: no comparison; observatory baseline set RUN_ID --name "
                    + wanted + " sets it");
            return null;
        }
        RunStore.Baseline resolved = Baselines.resolve(store, wanted);
        console.step("Judged against baseline " + resolved.name() + " (run " + resolved.runId() + ")");
        return resolved;
    }

    private BrokerMetricsSampler brokerMetrics(Infrastructure infrastructure) {
        if (infrastructure.brokerJmxPort().isEmpty()) {
            return null;
        }
        try {
            BrokerMetricsSampler metrics = BrokerMetricsSampler.connect(infrastructure.brokerJmxPort().getAsInt(), clock);
            cleanup.push(metrics);
            metrics.start();
            return metrics;
        } catch (IOException e) {
            console.step("warning: no broker metrics (JMX: " + e.getMessage() + ")");
            return null;
        }
    }

    /** Hot methods, GC, allocation and flamegraphs of the measured interval from a component's recording. */
    private void analyseRecording(String component, Path recording, RunFacts facts) throws SQLException {
        if (recording == null) {
            return;
        }
        if (!Files.isRegularFile(recording)) {
            console.step("warning: " + component + " left no flight recording at " + recording);
            return;
        }
        try {
            store.saveProfile(runId, FlightRecordings.analyse(component, recording, facts.measurementStart(), facts.generationEndedAt()));
        } catch (IOException | RuntimeException e) {
            console.step("warning: could not analyse " + recording + ": " + e);
        }
    }

    static String describe(BenchmarkSpec spec) {
        return String.format(Locale.ROOT, "%s for %s (warm-up %s), %d source(s), %,.0f events/s base rate, %d stream(s)",
                spec.name(), human(spec.duration()), human(spec.warmup()), spec.dataSources().size(), spec.totalBaseRate(),
                spec.concurrentStreams());
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private ChildProcess startTopology(Infrastructure infrastructure, List<String> inputs, Path logs, Path recording) throws IOException {
        int port = FreePorts.pick();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("quarkus.http.port", Integer.toString(port));
        props.put("quarkus.kafka-streams.bootstrap-servers", infrastructure.bootstrapServers());
        props.put("quarkus.kafka-streams.application-id", naming.applicationId());
        props.put("quarkus.kafka-streams.topics", String.join(",", inputs));
        props.put("kafka-streams.num.stream.threads",
                Integer.toString(Math.min(spec.concurrentStreams(), Runtime.getRuntime().availableProcessors())));
        props.put("kafka-streams.state.dir", runDir.resolve("kafka-streams").toString());
        props.put("quarkus.datasource.jdbc.url", infrastructure.jdbcUrl());
        props.put("observatory.topology.inputs", spec.dataSources().stream()
                .map(s -> naming.topicOf(s) + "=" + s.dataType().wireName()).collect(Collectors.joining(",")));
        props.put("observatory.topology.dead-letter-topic", naming.deadLetterTopic());
        props.put("observatory.topology.strategy", spec.topology().strategy().wireName());
        props.put("observatory.topology.window", spec.topology().windowSeconds() + "s");
        props.put("observatory.topology.record-latency", Boolean.toString(options.recordLatency()));
        if (infrastructure.registryUrl() != null) {
            props.put("observatory.topology.registry-url", infrastructure.registryUrl().toString());
        }
        ChildProcess topology = ChildJvms.topology(props, logs.resolve("topology.log"), recording);
        cleanup.push(() -> topology.stop(Duration.ofSeconds(30)));
        healthUrl = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        return topology;
    }

    private void awaitReady(ChildProcess topology) throws IOException, InterruptedException {
        long started = clock.nanoTime();
        long deadline = started + TOPOLOGY_READY_TIMEOUT.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!topology.isAlive()) {
                throw CliException.infrastructure("the topology exited while starting; last lines of " + topology.logFile() + ":\n"
                        + topology.tail(15), null);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    console.step(String.format(Locale.ROOT, "Topology ready: %s decoding, %d stream thread(s) (%.1f s)",
                            spec.topology().strategy().wireName(),
                            Math.min(spec.concurrentStreams(), Runtime.getRuntime().availableProcessors()),
                            (clock.nanoTime() - started) / 1e9));
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            if (clock.nanoTime() > deadline) {
                throw CliException.infrastructure("the topology was not ready within " + TOPOLOGY_READY_TIMEOUT.toSeconds()
                        + " s; last lines of " + topology.logFile() + ":\n" + topology.tail(15), null);
            }
            clock.parkUntil(clock.nanoTime() + POLL.toNanos());
        }
    }

    private void generate(ChildProcess generator) throws SQLException, InterruptedException {
        AtomicReference<GeneratorProgress> latest = new AtomicReference<>();
        generator.onLine(line -> GeneratorProgress.parse(line).ifPresent(latest::set));
        long started = clock.nanoTime();
        double total = spec.duration().toMillis() / 1000.0;
        long lastAcked = 0;
        long lastAt = started;
        console.step("Generating...");
        while (generator.waitFor(Duration.ofSeconds(1)) < 0) {
            GeneratorProgress p = latest.get();
            if (p == null) {
                continue;
            }
            long now = clock.nanoTime();
            double rate = (p.acked() - lastAcked) / Math.max(1e-9, (now - lastAt) / 1e9);
            lastAcked = p.acked();
            lastAt = now;
            long[] processed = store.processedSoFar(runId);
            double elapsed = Math.min(total, (now - started) / 1e9);
            console.progress(String.format(Locale.ROOT,
                    "[%4.0f/%.0f s] generated %,d (%,.0f/s)  processed %,d  dead-lettered %,d  max slip %.1f ms",
                    elapsed, total, p.acked(), rate, processed[0], processed[1], p.maxSlipMs()));
        }
        int exit = generator.waitFor(Duration.ofSeconds(1));
        GeneratorProgress done = latest.get();
        if (exit != 0 || done == null || !GeneratorProgress.DONE.equals(done.event())) {
            throw CliException.infrastructure("the generator failed (exit status " + exit + "); last lines of "
                    + generator.logFile() + ":\n" + generator.tail(15), null);
        }
        console.step(String.format(Locale.ROOT, "Generated %,d events (%,d sent, %,d failed), max schedule slip %.1f ms",
                done.acked(), done.sent(), done.failed(), done.maxSlipMs()));
    }

    /** Waits until the topology has written everything the topics hold, or the drain timeout passes. */
    private RunFacts.Drain drain(RunTopics topics, List<String> inputs, WindowSink sink) throws Exception {
        long started = clock.nanoTime();
        long deadline = started + options.drainTimeout().toNanos();
        while (true) {
            Map<TopicPartition, Long> ends = topics.endOffsets(inputs);
            Map<TopicPartitionRef, Long> written = sink.progress();
            long behind = 0;
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                long done = written.getOrDefault(new TopicPartitionRef(e.getKey().topic(), e.getKey().partition()), 0L);
                behind += Math.max(0, e.getValue() - done);
            }
            double seconds = (clock.nanoTime() - started) / 1e9;
            if (behind == 0) {
                console.step(String.format(Locale.ROOT, "Drained in %.1f s", seconds));
                return new RunFacts.Drain(true, seconds, 0);
            }
            if (clock.nanoTime() > deadline) {
                console.step(String.format(Locale.ROOT, "Drain timed out after %.1f s with %,d records unprocessed", seconds, behind));
                return new RunFacts.Drain(false, seconds, behind);
            }
            console.progress(String.format(Locale.ROOT, "draining: %,d records behind (%.1f s)", behind, seconds));
            clock.parkUntil(clock.nanoTime() + POLL.toNanos());
        }
    }

    private void removeTopics(RunTopics topics, List<String> inputs, RunReport report) {
        if (options.keepTopics()) {
            return;
        }
        List<String> doomed = new ArrayList<>(inputs);
        if (report.events().deadLettered() == 0) {
            doomed.add(naming.deadLetterTopic());
        } else {
            console.step("Dead-lettered records are kept in " + naming.deadLetterTopic());
        }
        try {
            topics.delete(doomed);
        } catch (Exception e) {
            console.step("warning: could not delete the run's topics: " + e.getMessage());
        }
    }

    private void markEnded(String status) {
        RunStore runs = store;
        if (runs == null) {
            return;
        }
        try {
            runs.abandon(runId, status, Instant.now());
        } catch (SQLException | RuntimeException e) {
            System.err.println("observatory: could not record the run as " + status + ": " + e.getMessage());
        }
    }

    /** Ctrl-C or SIGTERM during the run: record it and stop what was started. */
    private void abort() {
        if (finished) {
            return;
        }
        aborting = true;
        console.step("Interrupted: stopping generator, topology and stack; run " + runId + " is recorded as aborted");
        markEnded("aborted");
        closeAll();
    }

    private synchronized void closeAll() {
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().close();
            } catch (Exception e) {
                System.err.println("observatory: while stopping: " + e.getMessage());
            }
        }
    }
}
