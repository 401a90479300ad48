package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.verdict.MaxRateSearch;
import lab.performance.observatory.lifecycle.RunOutcome;

/** {@code run --find-max} and the soak's first part: one full run per rate the search asks for, each stored like any run. */
final class MaxRateFinder {

    private MaxRateFinder() {
    }

    static int find(BenchmarkSpec spec, RunCommand command, Infrastructure.Registry registry) {
        double start = command.startRate != null ? command.startRate : spec.totalBaseRate();
        String searchId = RunNaming.newRunId(spec.name() + "-find-max", Instant.now(), ThreadLocalRandom.current());
        Path dir = command.out != null ? command.out.toAbsolutePath() : command.stack.dataDir().resolve("runs").resolve(searchId);
        MaxRateSearch search = search(spec, start, command.p99Slo, dir, command.stack, command.options(registry, false), command.parent.console);
        return search.best().isPresent() ? 0 : 1;
    }

    /**
     * Walks the search from {@code start}: one run per rate with {@code options}, each stored like any
     * run under {@code dir}, where the walked curve is written too ({@code find-max.json} and {@code .txt}).
     */
    static MaxRateSearch search(BenchmarkSpec spec, double start, Duration p99Slo, Path dir, StackOptions stack, LocalRun.Options options,
                                Console console) {
        return search(spec, start, p99Slo, dir, stack, options, console, null);
    }

    /** As above, every run on {@code shared} when given (the ceiling's search, on the stack its run had), else each on its own. */
    static MaxRateSearch search(BenchmarkSpec spec, double start, Duration p99Slo, Path dir, StackOptions stack, LocalRun.Options options,
                                Console console, Infrastructure shared) {
        MaxRateSearch search = new MaxRateSearch(start, MaxRateSearch.Criteria.withSlo(p99Slo.toNanos() / 1e6));
        console.step(String.format(Locale.ROOT, "Searching the max sustainable rate of %s from %,.0f events/s (p99 SLO %s); results in %s",
                spec.name(), start, p99Slo.toMillis() + " ms", dir));
        for (OptionalDouble rate = search.nextRate(); rate.isPresent(); rate = search.nextRate()) {
            double offered = rate.getAsDouble();
            BenchmarkSpec step = spec.withTotalRate(offered);
            String runId = RunNaming.newRunId(spec.name(), Instant.now(), ThreadLocalRandom.current());
            console.step(String.format(Locale.ROOT, "== step %d: %,.0f events/s ==", search.steps().size() + 1, offered));
            LocalRun local = new LocalRun(step, runId, dir.resolve(runId), stack, options, console);
            RunOutcome outcome = (shared == null ? local : local.on(shared)).run();
            MaxRateSearch.Step result = search.judge(offered, outcome.report());
            search.record(result);
            console.step(String.format(Locale.ROOT, "%,.0f events/s: %s", offered, result.passed() ? "sustainable" : "not sustainable: " + result.reason()));
        }
        String table = search.render();
        console.result(table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("criteria", search.criteria());
        json.put("steps", search.steps());
        json.put("max_sustainable_eps", search.best().isPresent() ? search.best().getAsDouble() : null);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("find-max.json"), ReportJson.writeValue(json), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("find-max.txt"), table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.infrastructure("cannot write the search results to " + dir + ": " + e.getMessage(), e);
        }
        console.step("Curve: " + dir.resolve("find-max.json"));
        return search;
    }
}
