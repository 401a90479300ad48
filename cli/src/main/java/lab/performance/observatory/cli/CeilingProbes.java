package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.plan.TopicPlan;
import lab.performance.observatory.core.report.CeilingProbe;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.Framing;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.core.verdict.MaxRateSearch;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.process.ProcessStats;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The ceiling's measurements (docs/measurement.md, "Ceiling"), on the run's own stack right after
 * it: the run's spec (rates, record sizes, duration, warm-up, seed) generated again by the same
 * generator code in processes of their own, as many as the run's plan has generators, into fresh
 * topics laid out as the run's were, and read by (a) a plain consumer in a JVM of its own
 * ({@link CeilingProbe#RAW}, {@link RawConsumerMain}) or (b) a pass-through Kafka Streams topology in a JVM of its own, sized
 * as the pipeline's ({@link CeilingProbe#PASS_THROUGH}); alternated, repeat after repeat. Each
 * probe's topics are deleted after it. A thin shell: the ratios are {@code core/report/CeilingRatios}'.
 */
final class CeilingProbes {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
    /** How long past its duration a probe's load may take (start-up, the last acknowledgements). */
    static final Duration LOAD_GRACE = Duration.ofSeconds(120);
    /** In the max search a step that has not caught up by then failed anyway (the criteria allow 5 s). */
    static final Duration SEARCH_CATCH_UP = Duration.ofSeconds(15);

    private final BenchmarkSpec spec;
    private final String runId;
    private final Infrastructure infrastructure;
    private final RunTopics topics;
    private final Path logs;
    private final Console console;
    private final NanoClock clock;

    CeilingProbes(BenchmarkSpec spec, String runId, Infrastructure infrastructure, RunTopics topics, Path logs, Console console, NanoClock clock) {
        this.spec = spec;
        this.runId = runId;
        this.infrastructure = infrastructure;
        this.topics = topics;
        this.logs = logs;
        this.console = console;
        this.clock = clock;
    }

    /** Why a spec cannot be probed (its events need a registry or a database to be made), or null. */
    static String unsupported(BenchmarkSpec spec) {
        for (var s : spec.dataSources()) {
            if (s.dataType() == DataType.CDC) {
                return "--ceiling: source " + s.name() + " is a cdc source, whose events come from PostgreSQL's changes; the ceiling generates plain events";
            }
            if (s.framing() == Framing.REGISTRY) {
                return "--ceiling: source " + s.name() + " is registry-framed; the ceiling runs without a registry (use framing auto or single_object)";
            }
        }
        return null;
    }

    /** {@code repeats} times raw Kafka, then the pass-through; each probe's figures in the order they ran. */
    List<CeilingProbe> measure(int repeats) throws Exception {
        List<CeilingProbe> out = new ArrayList<>();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (String kind : List.of(CeilingProbe.RAW, CeilingProbe.PASS_THROUGH)) {
                console.step(String.format(Locale.ROOT, "Ceiling %d of %d: %s at %,.0f events/s for %d s", out.size() + 1, 2 * repeats,
                        kind.equals(CeilingProbe.RAW) ? "raw Kafka (plain producer, plain consumer)" : "a pass-through Kafka Streams topology",
                        spec.totalBaseRate(), spec.duration().toSeconds()));
                CeilingProbe probe = kind.equals(CeilingProbe.RAW) ? raw(repeat) : passThrough(repeat);
                console.step(String.format(Locale.ROOT, "  %,d events measured, end to end p50 %.2f ms, p99 %.2f ms%s", probe.measuredEvents(),
                        probe.p50Ms(), probe.p99Ms(), probe.cpuUsPerEvent() == null ? ""
                                : String.format(Locale.ROOT, ", %.2f µs CPU per event", probe.cpuUsPerEvent())));
                out.add(probe);
            }
        }
        return out;
    }

    private CeilingProbe raw(int repeat) throws Exception {
        RunNaming naming = new RunNaming(runId + "-ceiling-raw-" + repeat);
        Plan plan = plan(naming, spec);
        List<String> inputs = plan.inputTopics().stream().map(TopicPlan::name).toList();
        topics.create(plan.inputTopics());
        Path dir = Files.createTempDirectory("observatory-raw-consumer");
        Path result = dir.resolve("result");
        List<String> args = new ArrayList<>(List.of(infrastructure.bootstrapServers(), naming.applicationId(),
                Long.toString(plan.streamThreads().value()), spec.warmup().toString(),
                spec.duration().toString(), result.toString()));
        args.addAll(inputs);
        ChildProcess child = ChildJvms.rawConsumer(args, logs.resolve("ceiling-raw-" + repeat + ".log"));
        try {
            child.awaitLine(RawConsumerMain.READY::equals, READY_TIMEOUT);
            long acknowledged = generate(naming, spec, (int) plan.generatorParallelism().value()).acknowledged();
            awaitTrue(() -> committed(naming.applicationId()) >= acknowledged, CATCH_UP_TIMEOUT,
                    "the plain consumer read " + committed(naming.applicationId()) + " of " + acknowledged);
            child.stop(Duration.ofSeconds(30));
            if (!Files.isRegularFile(result)) {
                throw CliException.infrastructure("ceiling: the plain consumer left no result (see " + child.logFile() + ")", null);
            }
            ProbeLatency.Result r = ProbeLatency.Result.parse(Files.readString(result).trim());
            return new CeilingProbe(CeilingProbe.RAW, repeat, spec.totalBaseRate(), r.events(), measuredSeconds(spec), r.p50Ms(), r.p99Ms(),
                    r.p999Ms(), null);
        } finally {
            child.close();
            delete(inputs);
            deleteTree(dir);
        }
    }

    /** The offsets a consumer group has committed, summed over its partitions; -1 when it cannot be read. */
    private long committed(String group) {
        try {
            return topics.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).values().stream()
                    .filter(java.util.Objects::nonNull).mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    /** One pass-through probe and how its backlog went: caught up or not, in how long after generation ended. */
    record PassThroughRun(CeilingProbe probe, boolean caughtUp, double catchUpSeconds, long behind) {
    }

    private CeilingProbe passThrough(int repeat) throws Exception {
        PassThroughRun run = passThrough(spec, "pass-" + repeat, repeat, CATCH_UP_TIMEOUT);
        if (!run.caughtUp()) {
            throw CliException.infrastructure(String.format(Locale.ROOT, "ceiling: the pass-through was still %,d events behind %d s after generation",
                    run.behind(), CATCH_UP_TIMEOUT.toSeconds()), null);
        }
        return run.probe();
    }

    /**
     * The highest rate the pass-through sustains (docs/measurement.md, "Ceiling"): the search and
     * criteria of {@code run --find-max}, each step the spec at that rate for {@code step}.
     */
    MaxRateSearch passThroughMax(Duration step, Duration p99Slo) throws Exception {
        MaxRateSearch search = new MaxRateSearch(spec.totalBaseRate(), MaxRateSearch.Criteria.withSlo(p99Slo.toNanos() / 1e6));
        console.step(String.format(Locale.ROOT, "Searching the pass-through's max sustainable rate from %,.0f events/s (p99 SLO %d ms), %d s a step",
                spec.totalBaseRate(), p99Slo.toMillis(), step.toSeconds()));
        for (OptionalDouble rate = search.nextRate(); rate.isPresent(); rate = search.nextRate()) {
            double offered = rate.getAsDouble();
            int n = search.steps().size() + 1;
            PassThroughRun run = passThrough(spec.withTotalRate(offered).withDuration(step), "pass-max-" + n, n, SEARCH_CATCH_UP);
            MaxRateSearch.Step result = search.judge(offered, run.probe().achievedEps(), run.probe().p99Ms(), run.caughtUp(), run.catchUpSeconds(),
                    run.behind(), runId + "-ceiling-pass-max-" + n);
            search.record(result);
            console.step(String.format(Locale.ROOT, "  %,.0f events/s: %s", offered, result.passed() ? "sustainable" : "not sustainable: " + result.reason()));
        }
        console.result(search.render());
        return search;
    }

    private PassThroughRun passThrough(BenchmarkSpec probeSpec, String label, int repeat, Duration catchUp) throws Exception {
        RunNaming naming = new RunNaming(runId + "-ceiling-" + label);
        Plan plan = plan(naming, probeSpec);
        List<String> inputs = plan.inputTopics().stream().map(TopicPlan::name).toList();
        String output = naming.topicOf("pass-through");
        topics.create(plan.inputTopics());
        TopicPlan first = plan.inputTopics().get(0);
        int partitions = plan.inputTopics().stream().mapToInt(t -> (int) t.partitions().value()).max().orElse(1);
        topics.admin().createTopics(List.of(new NewTopic(output, partitions, (short) first.replicationFactor().value()))).all()
                .get(30, TimeUnit.SECONDS);
        Path state = Files.createTempDirectory("observatory-pass-through");
        NavigableMap<Instant, Double> cpu = new ConcurrentSkipListMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ceiling-cpu");
            t.setDaemon(true);
            return t;
        });
        ChildProcess child = ChildJvms.passThrough(List.of(infrastructure.bootstrapServers(), naming.applicationId(), output,
                Long.toString(plan.streamThreads().value()), probeSpec.topology().guarantee().wireName(), state.toString(),
                probeSpec.warmup().toString(), probeSpec.duration().toString()), inputs, logs.resolve("ceiling-" + label + ".log"));
        try {
            child.awaitLine(PassThroughTopology.READY::equals, READY_TIMEOUT);
            sampler.scheduleAtFixedRate(() -> ProcessStats.of(child.handle().pid()).ifPresent(s -> cpu.put(now(), s.cpuSeconds())),
                    0, 250, TimeUnit.MILLISECONDS);
            Generated generated = generate(naming, probeSpec, (int) plan.generatorParallelism().value());
            Instant started = generated.startedAt();
            long acknowledged = generated.acknowledged();
            long generationEnded = clock.nanoTime();
            boolean caughtUp = await(() -> endOffsets(output) >= acknowledged, catchUp);
            double catchUpSeconds = (clock.nanoTime() - generationEnded) / 1e9;
            long behind = Math.max(0, acknowledged - endOffsets(output));
            sampler.shutdownNow();
            child.stop(Duration.ofSeconds(30));
            Path result = PassThroughTopology.resultFile(state.toString());
            if (!Files.isRegularFile(result)) {
                throw CliException.infrastructure("ceiling: the pass-through left no result (see " + child.logFile() + ")", null);
            }
            ProbeLatency.Result r = ProbeLatency.Result.parse(Files.readString(result).trim());
            Double cpuSeconds = cpuBetween(cpu, started.plus(probeSpec.warmup()), started.plus(probeSpec.duration()));
            Double perEvent = cpuSeconds == null || r.events() == 0 ? null : Math.round(cpuSeconds * 1e6 / r.events() * 1000) / 1000.0;
            return new PassThroughRun(new CeilingProbe(CeilingProbe.PASS_THROUGH, repeat, probeSpec.totalBaseRate(), r.events(),
                    measuredSeconds(probeSpec), r.p50Ms(), r.p99Ms(), r.p999Ms(), perEvent), caughtUp, catchUpSeconds, behind);
        } finally {
            sampler.shutdownNow();
            child.close();
            List<String> doomed = new ArrayList<>(inputs);
            doomed.add(output);
            delete(doomed);
            deleteTree(state);
        }
    }

    /** CPU seconds the pass-through used between two instants, from the samples nearest them; null without samples there. */
    static Double cpuBetween(NavigableMap<Instant, Double> samples, Instant from, Instant to) {
        Map.Entry<Instant, Double> a = samples.ceilingEntry(from);
        Map.Entry<Instant, Double> b = samples.floorEntry(to);
        if (a == null || b == null || !b.getKey().isAfter(a.getKey())) {
            return null;
        }
        double seconds = Duration.between(a.getKey(), b.getKey()).toNanos() / 1e9;
        double wanted = Duration.between(from, to).toNanos() / 1e9;
        return (b.getValue() - a.getValue()) * wanted / seconds; // the sampled span scaled to the measured one
    }

    private static double measuredSeconds(BenchmarkSpec s) {
        return s.duration().minus(s.warmup()).toMillis() / 1000.0;
    }

    private Plan plan(RunNaming naming, BenchmarkSpec s) throws Exception {
        return Planner.plan(s, naming.topicPrefix(), Cluster.local(topics.brokers(), Runtime.getRuntime().availableProcessors()),
                CapacityModel.DEFAULT);
    }

    /** What the probe's load did: the events the broker acknowledged, and when generation started. */
    record Generated(long acknowledged, Instant startedAt) {
    }

    /**
     * The spec at {@code s}'s rate and duration generated into the probe's topics as the run's generators
     * do: as many processes as the plan has generators, each its share ({@link ProbeLoadMain}).
     */
    private Generated generate(RunNaming naming, BenchmarkSpec s, int instances) throws Exception {
        Path dir = Files.createTempDirectory("observatory-probe-load");
        List<ChildProcess> children = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                children.add(ChildJvms.probeLoad(List.of(runId, infrastructure.bootstrapServers(), infrastructure.jdbcUrl(), naming.runId(),
                        Double.toString(s.totalBaseRate()), s.duration().toString(), Integer.toString(i), Integer.toString(instances),
                        dir.resolve("result-" + i).toString()), infrastructure.childEnvironment(),
                        logs.resolve("ceiling-" + naming.runId().substring(runId.length() + 1) + "-load-" + i + ".log")));
            }
            long acked = 0;
            Instant started = null;
            for (int i = 0; i < instances; i++) {
                ChildProcess child = children.get(i);
                int exit = child.waitFor(s.duration().plus(LOAD_GRACE));
                if (exit != 0) {
                    throw CliException.infrastructure("ceiling: the probe's load " + i + " ended with status " + exit + " (see " + child.logFile() + ")", null);
                }
                ProbeLoadMain.Result r = ProbeLoadMain.Result.read(dir.resolve("result-" + i));
                acked += r.acked();
                started = started == null || r.startedAt().isBefore(started) ? r.startedAt() : started;
            }
            return new Generated(acked, started);
        } finally {
            children.forEach(ChildProcess::close);
            deleteTree(dir);
        }
    }


    private Instant now() {
        long nanos = clock.epochNanos();
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private long endOffsets(String topic) {
        try {
            var partitions = topics.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return topics.admin().listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private void delete(List<String> names) {
        try {
            topics.delete(names);
        } catch (Exception e) {
            console.step("warning: could not delete the ceiling's topics " + names + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    private void awaitTrue(java.util.function.BooleanSupplier done, Duration timeout, String otherwise) throws Exception {
        if (!await(done, timeout)) {
            throw CliException.infrastructure("ceiling: " + otherwise + " within " + timeout.toSeconds() + " s", null);
        }
    }

    /** Whether {@code done} came true within {@code timeout}. */
    private boolean await(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = clock.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (clock.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
