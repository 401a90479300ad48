package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.core.verdict.AbComparator;
import lab.performance.observatory.core.verdict.AbComparison;
import lab.performance.observatory.core.verdict.AbTable;
import lab.performance.observatory.core.verdict.Verdict;
import lab.performance.observatory.lifecycle.RunOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code observatory ab}: one spec decoded by each strategy in turn, round after round (A B A B), on
 * one stack started once, every run through the shared lifecycle and stored like any run; then the
 * first strategy judged against each other one by {@link AbComparator}, printed and written as
 * {@code ab.txt} and {@code ab.json} beside the runs (docs/measurement.md, "A/B").
 */
@Command(name = "ab", description = "Runs a PipelineBenchmark with each decode strategy alternately on one stack (A B A B) and compares them, "
        + "metric by metric, with a verdict each.")
final class AbCommand implements Callable<Integer> {

    static final String JSON = "ab.json";
    static final String TABLE = "ab.txt";

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The PipelineBenchmark to run with each strategy.")
    Path specFile;

    @Option(names = "--strategies", paramLabel = "A,B[,C]", split = ",", defaultValue = "zero-copy,copying",
            description = "The decode strategies, in run order; the first is judged against each other one (default: ${DEFAULT-VALUE}).")
    List<String> strategies;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "2",
            description = "How often each strategy runs, alternating (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationText.class,
            description = "Run each for this long instead of the spec's duration, e.g. 30s or 2m.")
    Duration duration;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the runs and the comparison go (default: DATA_DIR/runs/AB_ID).")
    Path out;

    @Option(names = "--no-profile", negatable = false, description = "Run without flight recordings (no hot methods, GC or allocation figures).")
    boolean noProfile;

    @Mixin
    DrainTimeout drainTimeout;

    @Mixin
    ThresholdOptions thresholds;

    @Mixin
    BrokerCount brokers;

    @Override
    public Integer call() throws Exception {
        BenchmarkSpec spec = SpecFiles.load(specFile, duration);
        List<DecodeStrategy> decoders = new ArrayList<>();
        for (String s : strategies) {
            decoders.add(SpecFiles.strategy("--strategies", s));
        }
        if (decoders.size() < 2 || new LinkedHashSet<>(decoders).size() != decoders.size()) {
            throw CliException.badInput("--strategies: give two or three different strategies, e.g. zero-copy,copying (not " + String.join(",", strategies) + ")");
        }
        if (rounds < 1 || rounds > 20) {
            throw CliException.badInput("--rounds: " + rounds + " is not between 1 and 20");
        }
        LocalRun.Options options = new LocalRun.Options(drainTimeout.value, false, Infrastructure.Registry.NONE, !noProfile, true, false, null,
                false, thresholds.thresholds(), Optional.empty(), true, brokers.count(stack));
        List<String> names = decoders.stream().map(DecodeStrategy::wireName).toList();
        String abId = RunNaming.newRunId(spec.name() + "-ab", Instant.now(), ThreadLocalRandom.current());
        Path dir = out != null ? out.toAbsolutePath() : stack.dataDir().resolve("runs").resolve(abId);
        parent.console.step(String.format(Locale.ROOT, "A/B of %s: %s, %d round(s) of %s each on one stack; results in %s", spec.name(),
                String.join(" vs ", names), rounds, LocalRun.describe(spec), dir));
        List<AbComparator.Measured> measured = new ArrayList<>();
        try (Infrastructure infrastructure = Infrastructure.start(stack, true, options.brokers(), options.registry(), null, dir.resolve("logs"),
                parent.console)) {
            for (int round = 1; round <= rounds; round++) {
                for (DecodeStrategy decoder : decoders) {
                    parent.console.step(String.format(Locale.ROOT, "== round %d of %d: %s (run %d of %d) ==", round, rounds, decoder.wireName(),
                            measured.size() + 1, rounds * decoders.size()));
                    String runId = RunNaming.newRunId(spec.name(), Instant.now(), ThreadLocalRandom.current());
                    RunOutcome outcome = new LocalRun(spec.withStrategy(decoder), runId, dir.resolve(runId), stack, options, parent.console)
                            .on(infrastructure).run();
                    measured.add(AbComparator.Measured.of(round, decoder.wireName(), outcome.report()));
                }
            }
        }
        AbComparison ab = AbComparator.compare(spec.name(), names, measured, thresholds.thresholds());
        String table = AbTable.render(ab);
        write(dir, ab, table);
        parent.console.result("\n" + table);
        parent.console.step("A/B: " + dir.resolve(TABLE) + " and " + dir.resolve(JSON) + " (each run's report in its directory beside them)");
        return ab.pairs().stream().anyMatch(p -> p.verdict() == Verdict.REGRESSION) ? 1 : 0;
    }

    private static void write(Path dir, AbComparison ab, String table) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(JSON), ReportJson.writeValue(ab), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(TABLE), table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.infrastructure("cannot write the A/B to " + dir + ": " + e.getMessage(), e);
        }
    }
}
