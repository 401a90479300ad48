package lab.performance.observatory.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code make bench}: runs {@link DecodeBenchmark} with the GC profiler and writes the JMH JSON and a
 * markdown table with the zero-copy / copying ratios and the project's targets to
 * {@code bench/target/} (or the directory in {@code -Dbench.out}). JMH options on the command line
 * (e.g. {@code -f 2 -i 10}) override the benchmark's own.
 */
public final class DecodeBenchmarks {

    static final double TWO_FIELDS_TARGET = 5.0;
    static final double ALL_FIELDS_TARGET = 2.0;
    static final double ALLOCATION_TARGET = 16.0;

    private DecodeBenchmarks() {
    }

    record Row(String benchmark, String type, String strategy, double opsPerSecond, double error, double bytesPerOp) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "bench/target"));
        Files.createDirectories(out);
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(DecodeBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("decode-benchmark.json").toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            rows.add(new Row(method.substring(method.lastIndexOf('.') + 1), r.getParams().getParam("type"), r.getParams().getParam("strategy"),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(), allocation(r)));
        }
        String markdown = markdown(rows);
        Files.writeString(out.resolve("decode-benchmark.md"), markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written: " + out.resolve("decode-benchmark.json") + " and " + out.resolve("decode-benchmark.md"));
    }

    private static double allocation(RunResult r) {
        Map<String, Result> secondary = r.getSecondaryResults();
        for (String key : new String[] {"gc.alloc.rate.norm", "·gc.alloc.rate.norm"}) {
            Result result = secondary.get(key);
            if (result != null) {
                return result.getScore();
            }
        }
        return Double.NaN;
    }

    static String markdown(List<Row> rows) {
        Map<String, Row> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.benchmark() + "/" + r.type() + "/" + r.strategy(), r));
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::benchmark).thenComparing(Row::type).thenComparing(Row::strategy));
        StringBuilder md = new StringBuilder("# Decode strategies\n\n");
        md.append("Decode one event and read fields; ops/s higher is better, B/op is `gc.alloc.rate.norm`.\n\n");
        md.append("| benchmark | event type | strategy | ops/s | ± | B/op | × copying |\n|---|---|---|---:|---:|---:|---:|\n");
        for (Row r : sorted) {
            Row copying = byKey.get(r.benchmark() + "/" + r.type() + "/copying");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %,.0f | %.1f | %s |%n", r.benchmark(), r.type(), r.strategy(),
                    r.opsPerSecond(), r.error(), r.bytesPerOp(),
                    copying == null ? "-" : String.format(Locale.ROOT, "%.2f", r.opsPerSecond() / copying.opsPerSecond())));
        }
        md.append("\n## Targets\n\n");
        target(md, byKey, "readTwoFields", "market_data", TWO_FIELDS_TARGET);
        target(md, byKey, "readAllFields", "market_data", ALL_FIELDS_TARGET);
        for (String type : new String[] {"market_data", "iot_sensor", "log_event"}) {
            Row z = byKey.get("readTwoFields/" + type + "/zero-copy");
            if (z != null) {
                md.append(String.format(Locale.ROOT, "- zero-copy readTwoFields %s allocates %.1f B/op (target ≤ %.0f): %s%n", type,
                        z.bytesPerOp(), ALLOCATION_TARGET, z.bytesPerOp() <= ALLOCATION_TARGET ? "met" : "MISSED"));
            }
        }
        return md.toString();
    }

    private static void target(StringBuilder md, Map<String, Row> byKey, String benchmark, String type, double target) {
        Row z = byKey.get(benchmark + "/" + type + "/zero-copy");
        Row c = byKey.get(benchmark + "/" + type + "/copying");
        if (z == null || c == null) {
            return;
        }
        double ratio = z.opsPerSecond() / c.opsPerSecond();
        md.append(String.format(Locale.ROOT, "- zero-copy %s %s is %.2f× copying (target ≥ %.0f×): %s%n", benchmark, type, ratio, target,
                ratio >= target ? "met" : "MISSED"));
    }
}
