package lab.performance.observatory.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.Framing;
import lab.performance.observatory.lifecycle.RunOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", description = "Runs a PipelineBenchmark: generator -> Kafka -> topology -> PostgreSQL, then prints and writes the report.")
class RunCommand implements Callable<Integer> {

    static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The PipelineBenchmark to run.")
    Path specFile;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationText.class,
            description = "Run for this long instead of the spec's duration, e.g. 30s or 2m.")
    Duration duration;

    @Option(names = "--out", paramLabel = "DIR", description = "Where report.json and the logs go (default: DATA_DIR/runs/RUN_ID).")
    Path out;

    @Mixin
    DrainTimeout drainTimeout;

    @Option(names = "--strategy", paramLabel = "STRATEGY",
            description = "Decode with this strategy instead of the spec's: copying, zero-copy or generic (for A/B runs of one spec).")
    String strategy;

    @Option(names = "--ceiling", description = "After the run, on the same stack: raw Kafka (plain producer and consumer) and a pass-through "
            + "Kafka Streams topology at the run's rate and record sizes, alternated; the report's ceiling gives the run's figures over theirs.")
    boolean ceiling;

    @Option(names = "--ceiling-repeats", paramLabel = "N", defaultValue = "2",
            description = "With --ceiling: how often each probe runs, alternating (default: ${DEFAULT-VALUE}).")
    int ceilingRepeats;

    @Option(names = "--ceiling-max", description = "With --ceiling: also search the max sustainable rate of the pass-through and of the pipeline "
            + "(as --find-max does, one --ceiling-step run per rate), for the ratio of the two.")
    boolean ceilingMax;

    @Option(names = "--ceiling-step", paramLabel = "DURATION", converter = DurationText.class, defaultValue = "30s",
            description = "With --ceiling-max: how long each step of the searches lasts (default: ${DEFAULT-VALUE}).")
    Duration ceilingStep;

    /** Whether the run measures its ceiling (the ceiling command always does). */
    boolean ceiling() {
        return ceiling;
    }

    @Option(names = "--keep-topics", description = "Keep the run's input topics afterwards (they are deleted by default).")
    boolean keepTopics;

    @Option(names = "--registry", paramLabel = "apicurio",
            description = "Start a schema registry (Apicurio 2.6.13) for the run: sources with framing auto or registry register their schemas and send registry-framed records.")
    String registry;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "Use this schema registry's Confluent-compatible API instead, e.g. http://registry:8080/apis/ccompat/v7.")
    URI registryUrl;

    @Option(names = "--baseline", paramLabel = "NAME|RUN_ID",
            description = "Judge the run against this baseline (default: the spec's comparison_baseline); exit 1 on a regression.")
    String baseline;

    @Option(names = "--adopt-baseline",
            description = "With --baseline NAME: while no baseline has that name, run without a comparison and, if the run meets its targets, name it NAME (a scheduled job's first run; later runs are judged against it).")
    boolean adoptBaseline;

    @Option(names = "--no-profile", negatable = false,
            description = "Run the topology and generator without flight recordings (no hot methods, flamegraphs, GC figures).")
    boolean noProfile;

    @Option(names = "--bare",
            description = "Instrumentation off, to measure what it costs: no flight recordings and no end-to-end latency recording in the topology.")
    boolean bare;

    @Option(names = "--find-max",
            description = "Search the highest sustainable rate: runs the spec at doubling, then bisected total rates until the pipeline stops keeping up or the p99 SLO breaks; reports the curve walked.")
    boolean findMax;

    @Option(names = "--p99-slo", paramLabel = "DURATION", converter = DurationText.class, defaultValue = "50ms",
            description = "With --find-max or --ceiling-max: the end-to-end p99 a sustainable rate must meet (default: ${DEFAULT-VALUE}).")
    Duration p99Slo;

    @Option(names = "--start-rate", paramLabel = "EVENTS_PER_S",
            description = "With --find-max: the first total rate tried (default: the spec's).")
    Double startRate;

    @Option(names = "--prometheus",
            description = "Start Debian's Prometheus (installed if missing and possible) scraping every component each second; prints its URL; its data stays in DATA_DIR/prometheus (browse it later with: observatory prometheus).")
    boolean prometheus;

    @Option(names = "--no-topology-metrics", negatable = false,
            description = "Run the topology without its Prometheus meters (events, bytes, latency histograms; JVM meters stay), to measure what they cost.")
    boolean noTopologyMetrics;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Record the run under this id instead of a new one (letters, digits, '.', '_', '-'; what the API does when it starts a run).")
    String runId;

    @Option(names = "--serve",
            description = "After the run, serve the HTTP API and dashboard on the stored runs (as observatory api does) until Ctrl-C.")
    boolean serve;

    @Option(names = "--port", paramLabel = "PORT", description = "With --serve: the API's port (default: 8090 if free, else any free port).")
    Integer port;

    @Mixin
    ThresholdOptions thresholds;

    @Mixin
    BrokerCount brokers;

    @Override
    public Integer call() throws Exception {
        BenchmarkSpec spec = SpecFiles.load(specFile, duration);
        if (strategy != null) {
            spec = spec.withStrategy(SpecFiles.strategy("--strategy", strategy));
        }
        if (bare && findMax) {
            throw CliException.badInput("--bare and --find-max do not go together: the search needs the latency --bare switches off");
        }
        thresholds.thresholds();
        brokers.count(stack);
        if (!findMax && (startRate != null)) {
            throw CliException.badInput("--start-rate only goes with --find-max");
        }
        if (startRate != null && !(startRate > 0)) {
            throw CliException.badInput("--start-rate: must be a positive number of events per second, not " + startRate);
        }
        Infrastructure.Registry schemaRegistry = registry();
        for (int i = 0; i < spec.dataSources().size(); i++) {
            if (spec.dataSources().get(i).framing() == Framing.REGISTRY && !schemaRegistry.any()) {
                throw CliException.badInput(specFile + ": spec.data_sources[" + i + "].framing: registry framing needs a schema registry "
                        + "(run with --registry apicurio or --registry-url URL)");
            }
        }
        if (runId != null && !RUN_ID.matcher(runId).matches()) {
            throw CliException.badInput("--run-id: '" + runId + "' is not a run id (letters, digits, '.', '_', '-'; at most 200, starting with a letter or digit)");
        }
        if (runId != null && findMax) {
            throw CliException.badInput("--run-id does not go with --find-max: the search records one run per rate it tries");
        }
        if (adoptBaseline && baseline == null) {
            throw CliException.badInput("--adopt-baseline needs --baseline NAME: the name the run is to set");
        }
        if (adoptBaseline && findMax) {
            throw CliException.badInput("--adopt-baseline does not go with --find-max: the search records one run per rate it tries");
        }
        if (port != null && !serve) {
            throw CliException.badInput("--port only goes with --serve");
        }
        ApiServer.checkPort(port);
        if (!ceiling() && ceilingMax) {
            throw CliException.badInput("--ceiling-max only goes with --ceiling");
        }
        if (ceiling()) {
            if (findMax) {
                throw CliException.badInput("--ceiling does not go with --find-max: measure the ceiling beside one run");
            }
            if (ceilingRepeats < 1 || ceilingRepeats > 10) {
                throw CliException.badInput("--ceiling-repeats: " + ceilingRepeats + " is not between 1 and 10");
            }
            if (ceilingMax && ceilingStep.compareTo(Duration.ofSeconds(5)) < 0) {
                throw CliException.badInput("--ceiling-step: " + ceilingStep.toSeconds() + " s is too short for a step (at least 5 s)");
            }
            String why = CeilingProbes.unsupported(spec);
            if (why != null) {
                throw CliException.badInput(why);
            }
        }
        int exit;
        if (findMax) {
            exit = MaxRateFinder.find(spec, this, schemaRegistry);
        } else {
            String id = runId != null ? runId : RunNaming.newRunId(spec.name(), Instant.now(), ThreadLocalRandom.current());
            Path runDir = out != null ? out.toAbsolutePath() : stack.dataDir().resolve("runs").resolve(id);
            RunOutcome outcome = new LocalRun(spec, id, runDir, stack, options(schemaRegistry, true), parent.console)
                    .withCeiling(ceiling() ? new LocalRun.Ceiling(ceilingRepeats, ceilingMax, ceilingStep, p99Slo) : null).run();
            if (bare) {
                parent.console.step("Bare run: no flight recordings and no end-to-end latency were recorded");
            }
            exit = outcome.failed() ? 1 : 0;
        }
        if (serve) {
            ApiServer.serve(stack, port, parent.console);
        }
        return exit;
    }

    LocalRun.Options options(Infrastructure.Registry schemaRegistry, boolean judge) {
        return new LocalRun.Options(drainTimeout.value, keepTopics, schemaRegistry, !noProfile && !bare, !bare, judge, baseline,
                adoptBaseline, thresholds.thresholds(), prometheus ? Optional.of(LocalPrometheus.binary("--prometheus")) : Optional.empty(), !noTopologyMetrics,
                brokers.count(stack));
    }

    private Infrastructure.Registry registry() {
        if (registry != null && registryUrl != null) {
            throw CliException.badInput("give --registry or --registry-url, not both");
        }
        if (registry != null && !registry.equals("apicurio")) {
            throw CliException.badInput("--registry: unknown registry '" + registry + "' (the one this project starts is apicurio)");
        }
        if (registryUrl != null && (registryUrl.getScheme() == null || !registryUrl.getScheme().startsWith("http"))) {
            throw CliException.badInput("--registry-url: '" + registryUrl + "' is not an http(s) URL");
        }
        return new Infrastructure.Registry(registry != null, registryUrl);
    }
}
