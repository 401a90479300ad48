package lab.performance.observatory.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import lab.performance.observatory.core.audit.Audit;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.SpecWriter;
import lab.performance.observatory.core.stats.LatencyHistograms;
import org.HdrHistogram.Histogram;

/**
 * Computes a run report from stored facts alone. Pure: the same inputs always give the same report,
 * which is why {@code report RUN_ID} can rebuild exactly what {@code run} wrote.
 *
 * <p>Measurement rules: counts cover the whole run. Throughput covers the whole windows between the
 * end of warm-up and the end of generation. Latency covers every event from the end of warm-up on,
 * drain included, so a backlog shows up in the tail instead of disappearing; warm-up latency is
 * reported on its own. Resources cover the interval from the end of warm-up to the end of
 * generation. Longer than 300 lines because it is one computation: counts, throughput, latency,
 * resources and timelines are all cut from the same measured span and window maps, which split
 * classes would have to pass around or compute again.
 */
public final class ReportBuilder {

    static final double MIB = 1024 * 1024;
    static final String WARMUP = "warmup";
    static final String MEASURED = "measured";
    static final String DRAIN = "drain";
    /** Where the distribution curve is drawn: dense in the tail, where the interesting part is. */
    static final double[] DISTRIBUTION_PERCENTILES = {0, 10, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100};

    private ReportBuilder() {
    }

    public static RunReport build(RunFacts facts, Measurements m) {
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
        for (WindowMetrics row : m.topologyWindows()) {
            byType.computeIfAbsent(row.dataType(), t -> new TypeWindows()).add(row);
            total.add(row);
        }
        for (GeneratorWindow row : m.generatorWindows()) {
            byType.computeIfAbsent(row.dataType(), t -> new TypeWindows()).add(row);
            total.add(row);
        }
        Map<DataType, long[]> generatedByType = new EnumMap<>(DataType.class);
        for (SourceTotals s : m.sources()) {
            long[] g = generatedByType.computeIfAbsent(s.dataType(), t -> new long[4]);
            g[0] += s.acked();
            g[1] += s.sent();
            g[2] += s.failed();
            g[3] += s.corrupt();
        }
        long[] generated = new long[4];
        generatedByType.values().forEach(g -> {
            for (int i = 0; i < g.length; i++) {
                generated[i] += g[i];
            }
        });

        long undrained = facts.drain().undrainedRecords();
        RunReport.EventCounts events = counts(generated, total, undrained);
        RunReport.Throughput throughput = total.throughput(span);
        RunReport.Latency latency = total.latency(span::latencyWindow);
        RunReport.Latency warmupLatency = total.latency(span::warmupWindow);
        List<RunReport.DistributionPoint> distribution = total.distribution(span::latencyWindow);

        SortedMap<String, RunReport.TypeReport> types = new TreeMap<>();
        Map<DataType, Audit.Counted> counted = new EnumMap<>(DataType.class);
        for (DataType type : DataType.values()) {
            long[] g = generatedByType.get(type);
            TypeWindows w = byType.get(type);
            if (g == null && w == null) {
                continue;
            }
            TypeWindows windows = w == null ? new TypeWindows() : w;
            counted.put(type, new Audit.Counted(g == null ? 0 : g[0], windows.events, windows.deadLettered));
            // undrained records are only known in total; per type the gap shows as lost
            types.put(type.wireName(), new RunReport.TypeReport(
                    counts(g == null ? new long[4] : g, windows, -1),
                    windows.throughput(span),
                    windows.latency(span::latencyWindow)));
        }
        RunReport.Audit audit = Audit.judge(m.topicCounts(), counted);
        events = events.withDuplicates(Audit.NOT_AUDITED.equals(audit.verdict()) ? null : audit.duplicates());

        Map<String, List<ResourceSample>> samplesByComponent = new TreeMap<>();
        for (ResourceSample s : m.resourceSamples()) {
            samplesByComponent.computeIfAbsent(s.component(), c -> new ArrayList<>()).add(s);
        }
        samplesByComponent.values().forEach(list -> list.sort(Comparator.comparing(ResourceSample::at)));
        SortedMap<String, RunReport.ComponentResources> resources = ResourceFigures.resources(samplesByComponent, m.profiles(), facts);
        RunReport.ComponentResources topology = resources.get(TargetEvaluator.TARGET_COMPONENT);
        double cpuUsPerEvent = topology == null || throughput.sustainedEps() <= 0 ? 0
                : round(topology.cpuCores() * 1e6 / throughput.sustainedEps(), 3);
        Double allocationPerEvent = topology == null || topology.jvm() == null || throughput.sustainedEps() <= 0 ? null
                : round(topology.jvm().allocationMbPerSecond() * MIB / throughput.sustainedEps(), 1);
        RunReport.Processing processing = new RunReport.Processing(facts.spec().topology().strategy().wireName(),
                total.payloadBytes == 0 ? 0 : round(1 - (double) total.copiedBytes / total.payloadBytes, 4),
                total.payloadBytes, total.copiedBytes, total.fallbacks, cpuUsPerEvent, facts.spec().topology().guarantee().wireName(),
                m.replaysSkipped(), total.recordBytes, allocationPerEvent,
                total.events == 0 ? null : round((double) total.recordBytes / total.events, 1));
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
        List<RunReport.HotMethod> hot = new ArrayList<>();
        SortedMap<String, String> artifacts = new TreeMap<>(facts.artifacts());
        for (ComponentProfile p : m.profiles()) {
            hot.addAll(p.hotMethods());
            artifacts.putAll(p.artifacts());
        }
        List<RunReport.TimelinePoint> timeline = total.timeline(span, samplesByComponent.getOrDefault(TargetEvaluator.TARGET_COMPONENT, List.of()),
                m.lagSamples());
        RunReport.SteadyState steady = SteadyStateDetection.of(timeline, facts, span.from());
        RunReport.Broker broker = ResourceFigures.broker(m.brokerSamples(), facts);
        return new RunReport(RunReport.VERSION, facts.runId(), facts.spec().name(), facts.status(), timing,
                events, throughput, latency, warmupLatency, distribution, types, resources, broker,
                processing, hot, artifacts, targets, timeline, ResourceFigures.resourceTimeline(samplesByComponent),
                new TreeMap<>(facts.environment()), SpecWriter.toDocument(facts.spec()), facts.plan(), ReportNotes.of(facts, steady, hot),
                audit, steady, Bottlenecks.of(limitFacts(facts, events, timing, throughput, latency, resources, broker, timeline, hot)),
                ResourceFigures.cpuCounters(m.cpuCounters(), throughput),
                CeilingRatios.of(m.ceilingProbes(), m.ceilingMaxRates(), latency.endToEnd().p99(), processing.topologyCpuUsPerEvent()));
    }


    private static RunReport.EventCounts counts(long[] generated, TypeWindows windows, long undrained) {
        long lost = generated[0] - windows.events - windows.deadLettered;
        return new RunReport.EventCounts(generated[0], windows.events, windows.deadLettered, lost,
                generated[1], generated[2], Math.max(undrained, 0), generated[3]);
    }

    static Instant floor(Instant t, Duration window) {
        long w = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), w) * w);
    }

    static Instant ceil(Instant t, Duration window) {
        Instant f = floor(t, window);
        return f.equals(t) ? f : f.plus(window);
    }

    /** What {@link Bottlenecks} reads, from the report's parts. */
    private static Bottlenecks.Facts limitFacts(RunFacts facts, RunReport.EventCounts events, RunReport.Timing timing, RunReport.Throughput throughput,
                                                RunReport.Latency latency, SortedMap<String, RunReport.ComponentResources> resources, RunReport.Broker broker,
                                                List<RunReport.TimelinePoint> timeline, List<RunReport.HotMethod> hot) {
        int cores = 0;
        try {
            cores = Integer.parseInt(facts.environment().getOrDefault("cpu_cores", "0"));
        } catch (NumberFormatException e) {
            // an environment without the count: the machine rule stays silent
        }
        int threads = facts.plan() != null ? (int) facts.plan().streamThreads().value() : facts.spec().concurrentStreams();
        double offered = timing.durationSeconds() > 0 ? events.generated() / timing.durationSeconds() : 0;
        return new Bottlenecks.Facts(cores, timing.measuredSeconds(), offered, throughput.sustainedEps(), threads, resources,
                latency.endToEnd().p99(), latency.publish().p99(), latency.scheduleSlip().p99(), broker == null ? null : broker.produceRequestP99Ms(),
                timeline.stream().filter(p -> "measured".equals(p.phase())).map(RunReport.TimelinePoint::lagRecords).toList(), hot);
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

        boolean warmupWindow(Instant windowStart) {
            return windowStart.isBefore(from);
        }

        String phase(Instant windowStart) {
            return windowStart.isBefore(from) ? WARMUP : windowStart.isBefore(to) ? MEASURED : DRAIN;
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
        long recordBytes;

        void add(WindowMetrics row) {
            windows.computeIfAbsent(row.windowStart(), w -> new Merged()).add(row);
            events += row.events();
            deadLettered += row.deadLettered();
            payloadBytes += row.payloadBytes();
            copiedBytes += row.copiedBytes();
            fallbacks += row.fallbacks();
            recordBytes += row.bytes();
        }

        void add(GeneratorWindow row) {
            Merged w = windows.computeIfAbsent(row.windowStart(), s -> new Merged());
            w.slip.add(row.slipMicros());
            w.publish.add(row.publishMicros());
            w.commitToKafka.add(row.commitToKafkaMicros());
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

        RunReport.Latency latency(Predicate<Instant> include) {
            Merged m = merge(include);
            return new RunReport.Latency(ReportPercentiles.of(m.slip), ReportPercentiles.of(m.publish), ReportPercentiles.of(m.endToEnd), ReportPercentiles.of(m.commitToKafka));
        }

        List<RunReport.DistributionPoint> distribution(Predicate<Instant> include) {
            Merged m = merge(include);
            List<RunReport.DistributionPoint> points = new ArrayList<>();
            for (double p : DISTRIBUTION_PERCENTILES) {
                points.add(new RunReport.DistributionPoint(p, LatencyHistograms.percentileMillis(m.endToEnd, p),
                        LatencyHistograms.percentileMillis(m.publish, p), LatencyHistograms.percentileMillis(m.slip, p)));
            }
            return points;
        }

        /** The windows that {@code include} accepts, merged into one. */
        private Merged merge(Predicate<Instant> include) {
            Merged all = new Merged();
            windows.forEach((start, w) -> {
                if (include.test(start)) {
                    all.slip.add(w.slip);
                    all.publish.add(w.publish);
                    all.endToEnd.add(w.endToEnd);
                    all.commitToKafka.add(w.commitToKafka);
                }
            });
            return all;
        }

        List<RunReport.TimelinePoint> timeline(Span span, List<ResourceSample> topology, List<LagSample> lag) {
            List<RunReport.TimelinePoint> points = new ArrayList<>();
            windows.forEach((start, w) -> {
                Instant end = start.plus(span.window());
                ResourceSample at = ResourceFigures.latestAtOrBefore(topology, end);
                Long lagRecords = null;
                Double lagSeconds = null;
                for (LagSample l : lag) {
                    if (!l.at().isBefore(start) && l.at().isBefore(end)) {
                        lagRecords = lagRecords == null ? l.lagRecords() : Math.max(lagRecords, l.lagRecords());
                        if (l.lagSeconds() != null) {
                            lagSeconds = lagSeconds == null ? l.lagSeconds() : Math.max(lagSeconds, l.lagSeconds());
                        }
                    }
                }
                points.add(new RunReport.TimelinePoint(start.toString(), span.phase(start), w.events, w.deadLettered,
                        ReportPercentiles.window(w.endToEnd), ReportPercentiles.window(w.publish), ReportPercentiles.window(w.slip),
                        round(ResourceFigures.cores(topology, start, end), 3), at == null ? 0 : round(at.rssBytes() / MIB, 1), lagRecords,
                        lagSeconds == null ? null : round(lagSeconds, 3)));
            });
            return points;
        }
    }

    private static final class Merged {
        long events;
        long bytes;
        long deadLettered;
        final Histogram endToEnd = LatencyHistograms.newHistogram();
        final Histogram publish = LatencyHistograms.newHistogram();
        final Histogram slip = LatencyHistograms.newHistogram();
        final Histogram commitToKafka = LatencyHistograms.newHistogram();

        void add(WindowMetrics row) {
            events += row.events();
            bytes += row.bytes();
            deadLettered += row.deadLettered();
            endToEnd.add(row.latencyMicros());
        }
    }
}
