package lab.performance.observatory.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.SpecWriter;
import lab.performance.observatory.core.stats.LatencyHistograms;
import org.HdrHistogram.Histogram;

/**
 * Computes a run report from stored facts alone. Pure: the same inputs always give the same report,
 * which is why {@code report RUN_ID} can rebuild exactly what {@code run} wrote.
 *
 * <p>Measurement rules: counts cover the whole run. Throughput covers the whole windows between the
 * end of warm-up and the end of generation. Latency covers every event processed from the end of
 * warm-up on, drain included, so a backlog shows up in the tail instead of disappearing.
 */
public final class ReportBuilder {

    private static final double MIB = 1024 * 1024;

    private ReportBuilder() {
    }

    public static RunReport build(RunFacts facts, Collection<SourceTotals> sources,
                                  Collection<WindowMetrics> rows, Collection<ResourceSample> samples) {
        Duration window = Duration.ofSeconds(facts.spec().topology().windowSeconds());
        Instant measureFrom = ceil(facts.measurementStart(), window);
        Instant measureTo = floor(facts.generationEndedAt(), window);
        if (!measureTo.isAfter(measureFrom)) {
            // too short for one whole window: fall back to the exact interval
            measureFrom = facts.measurementStart();
            measureTo = facts.generationEndedAt();
        }
        Span span = new Span(measureFrom, measureTo, window);

        Map<DataType, TypeWindows> byType = new EnumMap<>(DataType.class);
        TypeWindows total = new TypeWindows();
        for (WindowMetrics row : rows) {
            byType.computeIfAbsent(row.dataType(), t -> new TypeWindows()).add(row);
            total.add(row);
        }
        Map<DataType, long[]> generatedByType = new EnumMap<>(DataType.class);
        for (SourceTotals s : sources) {
            long[] g = generatedByType.computeIfAbsent(s.dataType(), t -> new long[3]);
            g[0] += s.acked();
            g[1] += s.sent();
            g[2] += s.failed();
        }
        long[] generated = new long[3];
        generatedByType.values().forEach(g -> {
            generated[0] += g[0];
            generated[1] += g[1];
            generated[2] += g[2];
        });

        long undrained = facts.drain().undrainedRecords();
        RunReport.EventCounts events = counts(generated, total, undrained);
        RunReport.Throughput throughput = total.throughput(span);
        RunReport.Latency latency = new RunReport.Latency(total.latency(span));

        SortedMap<String, RunReport.TypeReport> types = new TreeMap<>();
        for (DataType type : DataType.values()) {
            long[] g = generatedByType.get(type);
            TypeWindows w = byType.get(type);
            if (g == null && w == null) {
                continue;
            }
            TypeWindows windows = w == null ? new TypeWindows() : w;
            // undrained records are only known in total; per type the gap shows as lost
            types.put(type.wireName(), new RunReport.TypeReport(
                    counts(g == null ? new long[3] : g, windows, -1),
                    windows.throughput(span),
                    new RunReport.Latency(windows.latency(span))));
        }

        SortedMap<String, RunReport.ComponentResources> resources = resources(samples, facts);
        RunReport.ComponentResources topology = resources.get(TargetEvaluator.TARGET_COMPONENT);
        double cpuUsPerEvent = topology == null || throughput.sustainedEps() <= 0 ? 0
                : round(topology.cpuCores() * 1e6 / throughput.sustainedEps(), 3);
        RunReport.Processing processing = new RunReport.Processing(facts.spec().topology().strategy().wireName(),
                total.payloadBytes == 0 ? 0 : round(1 - (double) total.copiedBytes / total.payloadBytes, 4),
                total.payloadBytes, total.copiedBytes, total.fallbacks, cpuUsPerEvent);
        RunReport.Targets targets = TargetEvaluator.evaluate(facts, events, throughput, latency, resources);
        RunReport.Timing timing = new RunReport.Timing(
                facts.generationStartedAt().toString(),
                facts.generationEndedAt().toString(),
                facts.endedAt().toString(),
                seconds(Duration.between(facts.generationStartedAt(), facts.generationEndedAt())),
                seconds(facts.spec().warmup()),
                seconds(span.length()),
                facts.drain().completed(),
                round(facts.drain().seconds(), 3));
        return new RunReport(RunReport.VERSION, facts.runId(), facts.spec().name(), facts.status(), timing,
                events, throughput, latency, types, resources, processing, targets, total.timeline(),
                new TreeMap<>(facts.environment()), SpecWriter.toDocument(facts.spec()));
    }

    private static RunReport.EventCounts counts(long[] generated, TypeWindows windows, long undrained) {
        long lost = generated[0] - windows.events - windows.deadLettered;
        return new RunReport.EventCounts(generated[0], windows.events, windows.deadLettered, lost,
                generated[1], generated[2], Math.max(undrained, 0));
    }

    private static SortedMap<String, RunReport.ComponentResources> resources(Collection<ResourceSample> samples, RunFacts facts) {
        Map<String, List<ResourceSample>> byComponent = new TreeMap<>();
        for (ResourceSample s : samples) {
            byComponent.computeIfAbsent(s.component(), c -> new ArrayList<>()).add(s);
        }
        SortedMap<String, RunReport.ComponentResources> out = new TreeMap<>();
        Instant from = facts.measurementStart();
        Instant to = facts.generationEndedAt();
        byComponent.forEach((component, list) -> {
            list.sort((a, b) -> a.at().compareTo(b.at()));
            ResourceSample first = latestAtOrBefore(list, from);
            ResourceSample last = latestAtOrBefore(list, to);
            double cores = 0;
            if (first != null && last != null && last.at().isAfter(first.at())) {
                cores = (last.cpuSeconds() - first.cpuSeconds()) / seconds(Duration.between(first.at(), last.at()));
            }
            long peak = list.stream().mapToLong(s -> Math.max(s.peakRssBytes(), s.rssBytes())).max().orElse(0);
            out.put(component, new RunReport.ComponentResources(round(cores, 3), round(peak / MIB, 1)));
        });
        return out;
    }

    private static ResourceSample latestAtOrBefore(List<ResourceSample> sorted, Instant at) {
        ResourceSample chosen = sorted.isEmpty() ? null : sorted.get(0);
        for (ResourceSample s : sorted) {
            if (s.at().isAfter(at)) {
                break;
            }
            chosen = s;
        }
        return chosen;
    }

    static Instant floor(Instant t, Duration window) {
        long w = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), w) * w);
    }

    static Instant ceil(Instant t, Duration window) {
        Instant f = floor(t, window);
        return f.equals(t) ? f : f.plus(window);
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    static double round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** The whole windows results are measured over. */
    private record Span(Instant from, Instant to, Duration window) {
        Duration length() {
            return Duration.between(from, to);
        }

        boolean throughputWindow(Instant windowStart) {
            return !windowStart.isBefore(from) && windowStart.isBefore(to);
        }

        boolean latencyWindow(Instant windowStart) {
            return !windowStart.isBefore(from);
        }
    }

    /** Rows of one event type (or all types), merged per window. */
    private static final class TypeWindows {
        final TreeMap<Instant, Merged> windows = new TreeMap<>();
        long events;
        long deadLettered;
        long payloadBytes;
        long copiedBytes;
        long fallbacks;

        void add(WindowMetrics row) {
            windows.computeIfAbsent(row.windowStart(), w -> new Merged()).add(row);
            events += row.events();
            deadLettered += row.deadLettered();
            payloadBytes += row.payloadBytes();
            copiedBytes += row.copiedBytes();
            fallbacks += row.fallbacks();
        }

        RunReport.Throughput throughput(Span span) {
            long n = 0;
            long bytes = 0;
            long peak = 0;
            for (Map.Entry<Instant, Merged> e : windows.entrySet()) {
                if (span.throughputWindow(e.getKey())) {
                    n += e.getValue().events;
                    bytes += e.getValue().bytes;
                    peak = Math.max(peak, e.getValue().events);
                }
            }
            double length = seconds(span.length());
            double windowSeconds = seconds(span.window());
            return new RunReport.Throughput(
                    round(length > 0 ? n / length : 0, 1),
                    round(peak / windowSeconds, 1),
                    round(length > 0 ? bytes / length : 0, 1));
        }

        RunReport.Percentiles latency(Span span) {
            return percentiles(merge(span::latencyWindow));
        }

        Histogram merge(Predicate<Instant> include) {
            Histogram merged = LatencyHistograms.newHistogram();
            windows.forEach((start, w) -> {
                if (include.test(start)) {
                    merged.add(w.latency);
                }
            });
            return merged;
        }

        List<RunReport.TimelinePoint> timeline() {
            List<RunReport.TimelinePoint> points = new ArrayList<>();
            windows.forEach((start, w) -> points.add(new RunReport.TimelinePoint(start.toString(), w.events,
                    w.deadLettered, LatencyHistograms.percentileMillis(w.latency, 50),
                    LatencyHistograms.percentileMillis(w.latency, 99))));
            return points;
        }
    }

    private static final class Merged {
        long events;
        long bytes;
        long deadLettered;
        final Histogram latency = LatencyHistograms.newHistogram();

        void add(WindowMetrics row) {
            events += row.events();
            bytes += row.bytes();
            deadLettered += row.deadLettered();
            latency.add(row.latencyMicros());
        }
    }

    static RunReport.Percentiles percentiles(Histogram h) {
        return new RunReport.Percentiles(h.getTotalCount(),
                LatencyHistograms.percentileMillis(h, 50),
                LatencyHistograms.percentileMillis(h, 90),
                LatencyHistograms.percentileMillis(h, 95),
                LatencyHistograms.percentileMillis(h, 99),
                LatencyHistograms.percentileMillis(h, 99.9),
                h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0);
    }
}
