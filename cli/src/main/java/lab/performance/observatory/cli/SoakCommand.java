package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import lab.performance.observatory.core.profile.JvmRecording;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.ResourceSample;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.soak.SoakAnalysis;
import lab.performance.observatory.core.soak.SoakHtml;
import lab.performance.observatory.core.soak.SoakReport;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.verdict.MaxRateSearch;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.lifecycle.RunOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code observatory soak}: the max sustainable rate of a benchmark on this machine (the same search
 * as {@code run --find-max}, unless {@code --max-rate} gives it), then one long run at a share of it
 * with every JVM flight-recorded and fully collected every 30 s ({@link FullCollections}), judged by
 * {@link SoakAnalysis}: the rate must hold, nothing may be lost or counted twice, and anonymous
 * resident memory, heap after the full collections, threads and open files of every component must
 * stay flat. The table is printed and written beside the run's report
 * ({@code soak.txt}, {@code soak.json}, {@code soak.html} with a chart per metric); exit 1 when the soak fails (docs/reliability.md, "Soak").
 */
@Command(name = "soak", description = "Runs a PipelineBenchmark for long at 80 % of its max sustainable rate (searched first) and reports "
        + "whether memory, heap after GC, threads and open files of every component stayed flat.")
final class SoakCommand implements Callable<Integer> {

    static final String JSON = "soak.json";
    static final String TABLE = "soak.txt";
    static final String HTML = "soak.html";

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The PipelineBenchmark to soak (load-profiles/soak.yaml is made for it); "
            + "its rates set the mix, the search sets the total.")
    Path specFile;

    @Option(names = "--max-rate", paramLabel = "EVENTS_PER_S",
            description = "The max sustainable total rate, from an earlier run --find-max: no search.")
    Double maxRate;

    @Option(names = "--fraction", paramLabel = "SHARE", defaultValue = "0.8",
            description = "The share of the max sustainable rate the soak offers (default: ${DEFAULT-VALUE}).")
    double fraction;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationText.class,
            description = "Soak for this long instead of the spec's duration.")
    Duration duration;

    @Option(names = "--search-duration", paramLabel = "DURATION", converter = DurationText.class, defaultValue = "60s",
            description = "How long each run of the search lasts (default: ${DEFAULT-VALUE}).")
    Duration searchDuration;

    @Option(names = "--start-rate", paramLabel = "EVENTS_PER_S", description = "The search's first total rate (default: the spec's).")
    Double startRate;

    @Option(names = "--p99-slo", paramLabel = "DURATION", converter = DurationText.class, defaultValue = "50ms",
            description = "The end-to-end p99 a sustainable rate must meet in the search (default: ${DEFAULT-VALUE}); the soak itself "
                    + "reports its p99 and does not judge it: its forced full collections pause every JVM.")
    Duration p99Slo;

    @Mixin
    DrainTimeout drainTimeout;

    @Override
    public Integer call() throws Exception {
        BenchmarkSpec spec = SpecFiles.load(specFile);
        if (!(fraction > 0 && fraction <= 1)) {
            throw CliException.badInput("--fraction: " + fraction + " is not a share of the max rate (more than 0, at most 1)");
        }
        if (maxRate != null && !(maxRate > 0)) {
            throw CliException.badInput("--max-rate: " + maxRate + " is not a positive rate");
        }
        if (maxRate != null && startRate != null) {
            throw CliException.badInput("--start-rate starts the search, which --max-rate skips: give one of them");
        }
        if (startRate != null && !(startRate > 0)) {
            throw CliException.badInput("--start-rate: " + startRate + " is not a positive rate");
        }
        if (spec.totalBaseRate() <= 0) {
            throw CliException.badInput(specFile + ": its sources offer no rate to scale");
        }
        BenchmarkSpec soak = duration != null ? spec.withDuration(duration) : spec;
        String id = RunNaming.newRunId(spec.name() + "-soak", Instant.now(), ThreadLocalRandom.current());
        Path dir = stack.dataDir().resolve("runs").resolve(id);
        double max;
        if (maxRate != null) {
            max = maxRate;
        } else {
            MaxRateSearch search = MaxRateFinder.search(spec.withDuration(searchDuration), startRate != null ? startRate : spec.totalBaseRate(),
                    p99Slo, dir.resolve("find-max"), stack, options(), parent.console);
            if (search.best().isEmpty()) {
                parent.console.result("Soak: no rate the search tried was sustainable, so there is nothing to soak at; see the curve above");
                return 1;
            }
            max = search.best().getAsDouble();
        }
        double rate = fraction * max;
        parent.console.step(String.format(Locale.ROOT, "Soak: %s (%.0f %% of the max sustainable %,.0f)", LocalRun.describe(soak.withTotalRate(rate)),
                100 * fraction, max));
        String runId = RunNaming.newRunId(spec.name(), Instant.now(), ThreadLocalRandom.current());
        List<ResourceSample> samples = new ArrayList<>();
        LocalRun run = new LocalRun(soak.withTotalRate(rate), runId, dir.resolve(runId), stack, options(), parent.console).recordingBrokers()
                .then((store, outcome) -> samples.addAll(store.resources().samples(runId)));
        RunOutcome outcome;
        try (FullCollections full = FullCollections.start(parent.console)) {
            outcome = run.run();
        }
        RunReport report = outcome.report();
        // the forced full collections pause every JVM: the soak's latency is reported, not judged
        MaxRateSearch.Step judged = new MaxRateSearch(rate, MaxRateSearch.Criteria.withSlo(Double.POSITIVE_INFINITY)).judge(rate, report);
        Instant from = Instant.parse(report.timing().generationStartedAt()).plusNanos((long) (report.timing().warmupSeconds() * 1e9));
        Instant to = Instant.parse(report.timing().generationEndedAt());
        SoakReport result = SoakAnalysis.analyse(samples, heaps(run.profiles()), from, to, judged, report.events().duplicates(),
                max);
        String table = result.render();
        Path runDir = dir.resolve(runId);
        Files.writeString(runDir.resolve(TABLE), table, StandardCharsets.UTF_8);
        Files.writeString(runDir.resolve(JSON), ReportJson.writeValue(result), StandardCharsets.UTF_8);
        Files.writeString(runDir.resolve(HTML), SoakHtml.render(result, ReportAssets.load()), StandardCharsets.UTF_8);
        parent.console.result("\n" + table);
        parent.console.step("Soak: " + runDir.resolve(HTML) + " and " + runDir.resolve(JSON) + " (the run's report and flamegraphs beside them)");
        return result.passed() ? 0 : 1;
    }

    /** Every run of the soak, the search's too: flight-recorded, not judged against a baseline, one broker. */
    private LocalRun.Options options() {
        return new LocalRun.Options(drainTimeout.value, false, Infrastructure.Registry.NONE, true, true, false, null, false, Thresholds.DEFAULT,
                Optional.empty(), true, 1);
    }

    /** The heap after each forced full collection in every flight recording the run left, by component (the file's name). */
    static Map<String, List<JvmRecording.HeapReading>> heaps(Path profiles) throws IOException {
        Map<String, List<JvmRecording.HeapReading>> out = new TreeMap<>();
        if (!Files.isDirectory(profiles)) {
            return out;
        }
        try (Stream<Path> files = Files.list(profiles)) {
            for (Path jfr : files.filter(f -> f.getFileName().toString().endsWith(".jfr")).sorted().toList()) {
                String name = jfr.getFileName().toString();
                out.put(name.substring(0, name.length() - ".jfr".length()), FlightRecordings.read(jfr).heapAfter(SoakAnalysis.FORCED_GC_CAUSE));
            }
        }
        return out;
    }
}
