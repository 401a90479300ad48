package lab.performance.observatory.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lab.performance.observatory.core.lifecycle.RunPhase;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.report.CeilingMaxRate;
import lab.performance.observatory.core.verdict.MaxRateSearch;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.report.SummaryTable;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.core.verdict.ComparisonTable;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.lifecycle.BenchmarkLifecycle;
import lab.performance.observatory.lifecycle.BenchmarkRun;
import lab.performance.observatory.lifecycle.BlockingRun;
import lab.performance.observatory.lifecycle.RunOutcome;
import lab.performance.observatory.lifecycle.RunState;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunStore;

/**
 * {@code observatory run}: one benchmark on this machine through the shared lifecycle. Starts the
 * stack, plans the run for it (one broker or yours, one topology process), hands it to a
 * {@link BenchmarkLifecycle} on a {@link LocalRunExecutor}, shows its progress, then writes and
 * prints the report it closed with. Ctrl-C records the run as aborted and stops everything.
 */
final class LocalRun {

    /**
     * How the run ends and what it leaves, the schema registry it uses, whether its JVMs are
     * flight-recorded and the topology records end-to-end latency (off only to measure what that
     * costs), whether it is judged at all and against which baseline (null: the spec's), and whether
     * a baseline of that name that is not set yet is set to this run if it meets its targets, and how
     * many embedded brokers the run starts when it is given no Kafka (1, or a cluster of 3).
     */
    record Options(Duration drainTimeout, boolean keepTopics, Infrastructure.Registry registry, boolean profile, boolean recordLatency,
                   boolean judge, String baseline, boolean adoptBaseline, Thresholds thresholds, Optional<Path> prometheus, boolean topologyMetrics,
                   int brokers) {
    }


    static final Duration PROVISION_TIMEOUT = Duration.ofSeconds(120);
    static final Duration POLL = Duration.ofMillis(250);

    private final BenchmarkSpec spec;
    private final String runId;
    private final Path runDir;
    private final StackOptions stack;
    private final Options options;
    private final Console console;
    private final Clock wallClock = Clock.systemUTC();
    private final NanoClock clock = NanoClock.system();
    private volatile BenchmarkLifecycle lifecycle;
    private volatile BlockingRun blocking;
    private volatile boolean finished;
    private volatile boolean aborting;
    private RunPhase shown = RunPhase.PROVISIONING;
    private List<FaultInjector> faults = List.of();
    private Afterwards afterwards = (store, outcome) -> { };
    private boolean recordBrokers;
    private Infrastructure shared;
    private Ceiling ceiling;

    /**
     * What a command does with a finished run while the stack is still up (the chaos command stores
     * its fault's figures, the soak reads the run's resource samples).
     */
    interface Afterwards {
        void accept(RunStore store, RunOutcome outcome) throws Exception;
    }

    /** Injects these faults into the run (the chaos command); each is healed before anything is stopped. */
    LocalRun withFaults(List<FaultInjector> injectors, Afterwards then) {
        this.faults = List.copyOf(injectors);
        return then(then);
    }

    LocalRun then(Afterwards then) {
        this.afterwards = then;
        return this;
    }

    /**
     * Flight-records the embedded brokers too, into the run's {@code profiles/} (written when they stop,
     * after {@link #run()}'s report: the soak reads their heap after GC).
     */
    LocalRun recordingBrokers() {
        this.recordBrokers = true;
        return this;
    }

    /**
     * Runs on this already started stack and leaves it up (the A/B's runs share one broker and
     * PostgreSQL, so the stack's own warm-up and state are the same for every variant).
     */
    /**
     * The ceiling measured after the run on the same stack (docs/measurement.md, "Ceiling"): {@code repeats}
     * of each probe at its rate, and with {@code max} the max sustainable rate of the pass-through and of
     * the pipeline, {@code step} a step, judged by {@code p99Slo}.
     */
    record Ceiling(int repeats, boolean max, Duration step, Duration p99Slo) {
    }

    /** After the run, its ceiling, stored with it and in its report (null: none). */
    LocalRun withCeiling(Ceiling measured) {
        this.ceiling = measured;
        return this;
    }

    LocalRun on(Infrastructure stackUp) {
        this.shared = stackUp;
        return this;
    }

    /** Where the brokers' flight recordings go, when {@link #recordingBrokers()}. */
    Path profiles() {
        return runDir.resolve("profiles");
    }

    LocalRun(BenchmarkSpec spec, String runId, Path runDir, StackOptions stack, Options options, Console console) {
        this.spec = spec;
        this.runId = runId;
        this.runDir = runDir;
        this.stack = stack;
        this.options = options;
        this.console = console;
    }

    /** A run with cdc sources on a PostgreSQL that cannot stream changes: one line naming the setting, exit 2, nothing recorded (docs/cdc.md). */
    private void requireLogicalReplication(Infrastructure infrastructure) throws java.sql.SQLException {
        java.util.List<String> cdc = spec.dataSources().stream().filter(s -> s.dataType() == lab.performance.observatory.core.spec.DataType.CDC)
                .map(lab.performance.observatory.core.spec.DataSourceSpec::name).toList();
        if (cdc.isEmpty()) {
            return;
        }
        java.util.List<String> problems = new lab.performance.observatory.cdc.PostgresReplication(infrastructure.dataSource()).readiness().problems();
        if (!problems.isEmpty()) {
            throw CliException.badInput("cdc source(s) " + String.join(", ", cdc) + ": " + String.join("; ", problems));
        }
    }

    RunOutcome run() {
        console.step("Run " + runId + ": " + describe(spec));
        try (Infrastructure owned = shared != null ? null : Infrastructure.start(stack, true, options.brokers(), options.registry(),
                recordBrokers ? java.nio.file.Files.createDirectories(profiles()) : null, runDir.resolve("logs"), console);
             RunTopics topics = new RunTopics((shared != null ? shared : owned).bootstrapServers());
             LocalPrometheus prometheus = startPrometheus()) {
            Infrastructure infrastructure = shared != null ? shared : owned;
            RunStore store = new RunStore(infrastructure.dataSource());
            if (infrastructure.ownsEmbeddedPostgres()) {
                // nobody else uses this data directory, so a run still marked running lost its process
                store.runs().abandonAllRunning("aborted", wallClock.instant());
            }
            ObservatoryDatabase.ensureWindowPartitions(infrastructure.dataSource(), LocalDate.now(wallClock.withZone(ZoneOffset.UTC)).minusDays(1), 3);
            // before anything is recorded, so a baseline that is not there fails the command and leaves nothing behind
            boolean adopting = options.adoptBaseline() && Baselines.unset(store, options.baseline());
            if (adopting) {
                console.step("Baseline " + options.baseline() + " is not set yet: no comparison; this run becomes it if it meets its targets");
            }
            Optional<String> baseline = adopting ? Optional.empty()
                    : Baselines.forRun(store, options.judge(), options.baseline(), spec.comparisonBaseline(), console);
            requireLogicalReplication(infrastructure);
            Plan plan = Planner.plan(spec, new RunNaming(runId).topicPrefix(),
                    Cluster.local(topics.brokers(), Runtime.getRuntime().availableProcessors()), CapacityModel.DEFAULT);
            try (LocalRunExecutor executor = new LocalRunExecutor(spec, plan, new RunNaming(runId), infrastructure, store, topics, runDir,
                    new LocalRunExecutor.Settings(options.keepTopics(), options.profile(), options.recordLatency(),
                            options.topologyMetrics()),
                    prometheus == null ? ScrapeTargets.NONE : prometheus, console, clock);
                 AutoCloseable onCtrlC = ShutdownActions.register(() -> abort(executor));
                 AutoCloseable healed = () -> faults.forEach(FaultInjector::close)) {
                for (FaultInjector fault : faults) {
                    fault.attach(infrastructure, executor, runDir.resolve("logs"));
                }
                lifecycle = new BenchmarkLifecycle(new BenchmarkRun(spec, plan, baseline, options.thresholds(), options.drainTimeout(),
                        Optional.of(PROVISION_TIMEOUT)), executor, store, wallClock);
                blocking = new BlockingRun(lifecycle, clock, POLL);
                RunState end = drive();
                finished = true;
                if (end.phase() == RunPhase.FAILED) {
                    throw CliException.infrastructure(end.message(), null);
                }
                RunOutcome outcome = report(ceiling != null ? ceiling(store, infrastructure, topics, end.outcome()) : end.outcome());
                afterwards.accept(store, outcome);
                if (adopting) {
                    adopt(store, outcome);
                }
                if (prometheus != null) {
                    console.step("Prometheus kept this run's series in " + prometheus.home() + "; browse them again with: observatory prometheus");
                }
                return outcome;
            }
        } catch (CliException e) {
            throw aborting ? CliException.interrupted(runId) : e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.interrupted(runId);
        } catch (Exception e) {
            throw aborting ? CliException.interrupted(runId) : failure(e);
        }
    }

    /** {@code --adopt-baseline}: the first run of a schedule that meets its targets becomes the baseline later runs are judged by. */
    private void adopt(RunStore store, RunOutcome outcome) throws java.sql.SQLException {
        if (outcome.failed()) {
            console.step("Baseline " + options.baseline() + " stays unset: this run missed its targets");
        } else {
            store.baselines().set(options.baseline(), runId);
            console.step("Baseline " + options.baseline() + " is now run " + runId + ": later runs with --baseline " + options.baseline()
                    + " are judged against it");
        }
    }

    /** The local Prometheus when asked for ({@code --prometheus}), scraping every component of the run each second; else null. */
    private LocalPrometheus startPrometheus() throws java.io.IOException, InterruptedException {
        if (options.prometheus().isEmpty()) {
            return null;
        }
        LocalPrometheus p = LocalPrometheus.start(options.prometheus().get(), stack.dataDir().resolve("prometheus"), 0, true,
                runDir.resolve("logs").resolve("prometheus.log"), clock);
        console.step("Prometheus: " + p.url() + " scrapes the topology, generators and lag exporter every second (query: " + p.url()
                + "/graph?g0.expr=observatory_consumer_group_lag_seconds)");
        return p;
    }

    /** The run to its end; a failure of the stack or the database mid-run is recorded (while PostgreSQL is still up) and rethrown. */
    private RunState drive() throws Exception {
        try {
            return blocking.run(RunState.requested(runId, wallClock.instant()), this::show);
        } catch (CliException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (!aborting) {
                markFailed(e);
            }
            throw e;
        }
    }

    /** One line for the terminal; the whole stack trace next to the run's other logs. */
    private CliException failure(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        Path log = runDir.resolve("logs").resolve("observatory-error.log");
        try {
            java.nio.file.Files.createDirectories(log.getParent());
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            java.nio.file.Files.writeString(log, trace.toString());
        } catch (java.io.IOException ignored) {
            // the message below still says what failed
        }
        String what = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (caused by " + root + ")";
        return CliException.infrastructure(what + "; stack trace in " + log, e);
    }

    /** Phase changes as steps, drain progress as a progress line. */
    private void show(RunState s) {
        if (s.phase() == RunPhase.ANALYZING) {
            console.progress("draining: " + s.message());
        }
        if (s.phase() == RunPhase.COMPLETED && shown != RunPhase.COMPLETED) {
            console.step(Character.toUpperCase(s.message().charAt(0)) + s.message().substring(1));
        }
        shown = s.phase();
    }

    /** The ceiling probes (docs/measurement.md, "Ceiling"), stored with the run; its report rebuilt with them, as a rebuild from PostgreSQL gives it. */
    private RunOutcome ceiling(RunStore store, Infrastructure infrastructure, RunTopics topics, RunOutcome closed) throws Exception {
        CeilingProbes probes = new CeilingProbes(spec, runId, infrastructure, topics, runDir.resolve("logs"), console, clock);
        store.resources().saveCeilingProbes(runId, probes.measure(ceiling.repeats()));
        if (ceiling.max()) {
            MaxRateSearch pass = probes.passThroughMax(ceiling.step(), ceiling.p99Slo());
            store.resources().saveCeilingMaxRate(runId, new CeilingMaxRate(CeilingMaxRate.PASS_THROUGH, best(pass), pass.steps().size()));
            console.step("Searching the pipeline's max sustainable rate the same way");
            Options searching = new Options(options.drainTimeout(), false, options.registry(), options.profile(), true, false, null, false,
                    options.thresholds(), Optional.empty(), options.topologyMetrics(), options.brokers());
            MaxRateSearch pipeline = MaxRateFinder.search(spec.withDuration(ceiling.step()), spec.totalBaseRate(), ceiling.p99Slo(),
                    runDir.resolve("ceiling-max"), stack, searching, console, infrastructure);
            store.resources().saveCeilingMaxRate(runId, new CeilingMaxRate(CeilingMaxRate.PIPELINE, best(pipeline), pipeline.steps().size()));
        }
        lab.performance.observatory.core.report.RunReport report = store.reports().rebuild(runId).orElseThrow();
        store.runs().saveReport(runId, lab.performance.observatory.core.report.ReportJson.write(report),
                runDir.resolve(ReportFiles.JSON).toAbsolutePath().toString());
        return new RunOutcome(report, closed.baseline(), closed.comparison());
    }

    private static Double best(MaxRateSearch search) {
        return search.best().isPresent() ? search.best().getAsDouble() : null;
    }

    private RunOutcome report(RunOutcome outcome) throws java.io.IOException {
        ReportFiles.write(runDir, outcome.report(), outcome.baseline().map(b -> b.report()).orElse(null), outcome.comparison().orElse(null));
        console.result(SummaryTable.render(outcome.report()));
        outcome.comparison().ifPresent(c -> console.result("\n" + ComparisonTable.render(c)));
        console.step("Report: " + runDir.resolve(ReportFiles.JSON) + " and " + ReportFiles.html(runDir));
        return outcome;
    }

    /** A failure of the stack or the database mid-run: the run is recorded as failed where it can be. */
    private void markFailed(Exception why) {
        BlockingRun b = blocking;
        if (b == null || b.current() == null) {
            return;
        }
        try {
            lifecycle.abandon(b.current(), "failed", "Failed", String.valueOf(why.getMessage()));
        } catch (Exception e) {
            System.err.println("observatory: could not record the run as failed: " + e.getMessage());
        }
    }

    /** Ctrl-C or SIGTERM during the run: record it as aborted and stop what was started. */
    private void abort(LocalRunExecutor executor) {
        if (finished) {
            return;
        }
        aborting = true;
        console.step("Interrupted: stopping generators, topology and stack; run " + runId + " is recorded as aborted");
        BlockingRun b = blocking;
        if (b != null && b.current() != null) {
            try {
                lifecycle.abandon(b.current(), "aborted", "Aborted", "interrupted");
            } catch (Exception e) {
                System.err.println("observatory: could not record the run as aborted: " + e.getMessage());
            }
        }
        executor.close();
    }

    static String describe(BenchmarkSpec spec) {
        return String.format(Locale.ROOT, "%s for %s (warm-up %s), %d source(s) x %d stream(s), %,.0f events/s offered", spec.name(),
                human(spec.duration()), human(spec.warmup()), spec.dataSources().size(), spec.concurrentStreams(), spec.totalBaseRate());
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
