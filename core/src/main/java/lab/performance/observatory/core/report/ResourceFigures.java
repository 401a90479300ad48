package lab.performance.observatory.core.report;

import static lab.performance.observatory.core.report.ReportBuilder.MIB;
import static lab.performance.observatory.core.report.ReportBuilder.round;
import static lab.performance.observatory.core.report.ReportBuilder.seconds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The report's figures of the components and the broker from their samples over the measured
 * interval: CPU, memory, threads and scheduling per component, the resource timeline, the broker's
 * rates and request times, the CPU counters. Pure; a part of {@link ReportBuilder}.
 */
final class ResourceFigures {

    private ResourceFigures() {
    }

    static SortedMap<String, RunReport.ComponentResources> resources(Map<String, List<ResourceSample>> byComponent,
                                                                             Collection<ComponentProfile> profiles, RunFacts facts) {
        Map<String, RunReport.JvmActivity> jvms = new TreeMap<>();
        profiles.forEach(p -> {
            if (p.jvm() != null) {
                jvms.put(p.component(), p.jvm());
            }
        });
        SortedMap<String, RunReport.ComponentResources> out = new TreeMap<>();
        Instant from = facts.measurementStart();
        Instant to = facts.generationEndedAt();
        byComponent.forEach((component, list) -> {
            double cores = cores(list, from, to);
            long peak = list.stream().mapToLong(s -> Math.max(s.peakRssBytes(), s.rssBytes())).max().orElse(0);
            double mean = list.stream().filter(s -> !s.at().isBefore(from) && !s.at().isAfter(to))
                    .mapToLong(ResourceSample::rssBytes).average()
                    .orElse(list.stream().mapToLong(ResourceSample::rssBytes).average().orElse(0));
            int threads = list.stream().mapToInt(ResourceSample::threads).max().orElse(0);
            out.put(component, new RunReport.ComponentResources(round(cores, 3), round(peak / MIB, 1), round(mean / MIB, 1),
                    threads, jvms.get(component), scheduling(list, from, to)));
        });
        return out;
    }

    /**
     * Context switches and run-queue wait per second between two instants, from the samples nearest
     * before each; null when they were not measured or went down (a thread that exited took its counts along).
     */
    static RunReport.Scheduling scheduling(List<ResourceSample> sorted, Instant from, Instant to) {
        ResourceSample first = latestAtOrBefore(sorted, from);
        ResourceSample last = latestAtOrBefore(sorted, to);
        if (first == null || last == null || !last.at().isAfter(first.at()) || last.voluntarySwitches() + last.involuntarySwitches() == 0
                || last.voluntarySwitches() < first.voluntarySwitches() || last.involuntarySwitches() < first.involuntarySwitches()
                || last.runQueueSeconds() < first.runQueueSeconds()) {
            return null;
        }
        double seconds = seconds(Duration.between(first.at(), last.at()));
        return new RunReport.Scheduling(round((last.voluntarySwitches() - first.voluntarySwitches()) / seconds, 1),
                round((last.involuntarySwitches() - first.involuntarySwitches()) / seconds, 1),
                round((last.runQueueSeconds() - first.runQueueSeconds()) * 1000 / seconds, 1));
    }

    /** CPU cores used between two instants, from the samples nearest before each. */
    static double cores(List<ResourceSample> sorted, Instant from, Instant to) {
        ResourceSample first = latestAtOrBefore(sorted, from);
        ResourceSample last = latestAtOrBefore(sorted, to);
        if (first == null || last == null || !last.at().isAfter(first.at())) {
            return 0;
        }
        return (last.cpuSeconds() - first.cpuSeconds()) / seconds(Duration.between(first.at(), last.at()));
    }

    static SortedMap<String, List<RunReport.ResourcePoint>> resourceTimeline(Map<String, List<ResourceSample>> byComponent) {
        SortedMap<String, List<RunReport.ResourcePoint>> out = new TreeMap<>();
        byComponent.forEach((component, sorted) -> {
            List<RunReport.ResourcePoint> points = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                ResourceSample s = sorted.get(i);
                double cores = 0;
                if (i > 0 && s.at().isAfter(sorted.get(i - 1).at())) {
                    cores = (s.cpuSeconds() - sorted.get(i - 1).cpuSeconds()) / seconds(Duration.between(sorted.get(i - 1).at(), s.at()));
                }
                points.add(new RunReport.ResourcePoint(s.at().toString(), round(cores, 3), round(s.rssBytes() / MIB, 1), s.threads()));
            }
            out.put(component, points);
        });
        return out;
    }

    static RunReport.Broker broker(List<BrokerSample> samples, RunFacts facts) {
        List<BrokerSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparing(BrokerSample::at));
        BrokerSample first = latestAtOrBefore(sorted, facts.measurementStart(), BrokerSample::at);
        BrokerSample last = latestAtOrBefore(sorted, facts.generationEndedAt(), BrokerSample::at);
        if (first == null || last == null || !last.at().isAfter(first.at()) || BrokerSample.resetBetween(sorted, first, last)) {
            return null;
        }
        double s = seconds(Duration.between(first.at(), last.at()));
        long produce = last.produceRequests() - first.produceRequests();
        long fetch = last.fetchRequests() - first.fetchRequests();
        return new RunReport.Broker(
                round((last.bytesIn() - first.bytesIn()) / s, 1),
                round((last.bytesOut() - first.bytesOut()) / s, 1),
                round((last.messagesIn() - first.messagesIn()) / s, 1),
                produce <= 0 ? 0 : round((last.produceTimeMsSum() - first.produceTimeMsSum()) / produce, 3),
                round(last.produceP99Ms(), 3),
                fetch <= 0 ? 0 : round((last.fetchTimeMsSum() - first.fetchTimeMsSum()) / fetch, 3),
                round(last.fetchP99Ms(), 3));
    }

    static ResourceSample latestAtOrBefore(List<ResourceSample> sorted, Instant at) {
        return latestAtOrBefore(sorted, at, ResourceSample::at);
    }

    /** The last element at or before {@code at}, or the first one if all are later; null if none. */
    static <T> T latestAtOrBefore(List<T> sorted, Instant at, java.util.function.Function<T, Instant> time) {
        T chosen = sorted.isEmpty() ? null : sorted.get(0);
        for (T s : sorted) {
            if (time.apply(s).isAfter(at)) {
                break;
            }
            chosen = s;
        }
        return chosen;
    }

    /**
     * The perf stat readings as the report gives them: null when none were taken, unavailable with the
     * reason when the machine has no counters, else per component the ratios (and, for the topology,
     * instructions per event processed).
     */
    static RunReport.CpuCounters cpuCounters(List<CpuCounterReading> readings, RunReport.Throughput throughput) {
        if (readings.isEmpty()) {
            return null;
        }
        for (CpuCounterReading r : readings) {
            if (CpuCounterReading.MACHINE.equals(r.component())) {
                return new RunReport.CpuCounters(false, r.reason(), new TreeMap<>());
            }
        }
        SortedMap<String, RunReport.ComponentCounters> out = new TreeMap<>();
        for (CpuCounterReading r : readings) {
            Double instructions = r.sums().get("instructions");
            Double cycles = r.sums().get("cycles");
            Double refs = r.sums().get("cache-references");
            Double misses = r.sums().get("cache-misses");
            double events = throughput.sustainedEps() * r.seconds();
            out.put(r.component(), new RunReport.ComponentCounters(instructions, cycles,
                    instructions == null || cycles == null || cycles == 0 ? null : round(instructions / cycles, 3), refs, misses,
                    misses == null || refs == null || refs == 0 ? null : round(100 * misses / refs, 2),
                    instructions == null || events <= 0 || !TargetEvaluator.TARGET_COMPONENT.equals(r.component()) ? null
                            : round(instructions / events, 0)));
        }
        return new RunReport.CpuCounters(true, null, out);
    }
}
