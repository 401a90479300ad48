package lab.performance.observatory.core.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.stats.Proportion;

/**
 * What a flight recording says about an interval (the measured part of a run, so warm-up JIT and
 * start-up do not dominate): garbage collection, the allocation rate, and the hottest methods.
 * Pure.
 */
public final class RecordingAnalysis {

    private static final double MIB = 1024 * 1024;

    private RecordingAnalysis() {
    }

    /**
     * GC count, pause total and maximum for collections starting in the interval; the allocation
     * rate from heap growth between collections (bytes used before collection n minus after
     * collection n−1), or, with fewer than two collections, from the allocation samples' weights.
     */
    public static RunReport.JvmActivity activity(JvmRecording recording, Instant from, Instant to) {
        long count = 0;
        double total = 0;
        double max = 0;
        for (JvmRecording.Collection c : recording.collections()) {
            if (within(c.at(), from, to)) {
                count++;
                total += c.pauseTotalMs();
                max = Math.max(max, c.longestPauseMs());
            }
        }
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        return new RunReport.JvmActivity(count, round(total, 3), round(max, 3), round(allocationMbPerSecond(recording, from, to, seconds), 2));
    }

    private static double allocationMbPerSecond(JvmRecording recording, Instant from, Instant to, double seconds) {
        Map<Long, JvmRecording.HeapReading> before = new TreeMap<>();
        Map<Long, JvmRecording.HeapReading> after = new TreeMap<>();
        for (JvmRecording.HeapReading h : recording.heap()) {
            (h.beforeGc() ? before : after).put(h.gcId(), h);
        }
        long allocated = 0;
        Instant first = null;
        Instant last = null;
        for (JvmRecording.HeapReading b : before.values()) {
            JvmRecording.HeapReading previous = after.get(b.gcId() - 1);
            if (previous == null || !within(b.at(), from, to) || previous.at().isBefore(from)) {
                continue;
            }
            allocated += Math.max(0, b.usedBytes() - previous.usedBytes());
            first = first == null || previous.at().isBefore(first) ? previous.at() : first;
            last = last == null || b.at().isAfter(last) ? b.at() : last;
        }
        if (first != null && last.isAfter(first) && before.size() >= 2) {
            return allocated / MIB / (Duration.between(first, last).toNanos() / 1e9);
        }
        long sampled = recording.allocation().stream().filter(s -> within(s.at(), from, to)).mapToLong(StackSample::weight).sum();
        return seconds <= 0 ? 0 : sampled / MIB / seconds;
    }

    /**
     * The {@code top} methods by self share (the innermost frame) of the samples' weight in the
     * interval, with their total share (anywhere on the stack, counted once per sample), how many
     * samples had each on top of how many, and the 95 % Wilson interval of that count share
     * (docs/measurement.md, "Hot methods").
     */
    public static List<RunReport.HotMethod> hotMethods(String component, String kind, List<StackSample> samples,
                                                       Instant from, Instant to, int top) {
        Map<String, long[]> weights = new HashMap<>();
        long all = 0;
        long count = 0;
        for (StackSample s : samples) {
            if (!within(s.at(), from, to) || s.frames().isEmpty()) {
                continue;
            }
            all += s.weight();
            count++;
            long[] own = weights.computeIfAbsent(s.frames().get(0), m -> new long[3]);
            own[0] += s.weight();
            own[2]++;
            Set<String> seen = new HashSet<>();
            for (String frame : s.frames()) {
                if (seen.add(frame)) {
                    weights.computeIfAbsent(frame, m -> new long[3])[1] += s.weight();
                }
            }
        }
        if (all == 0) {
            return List.of();
        }
        long total = all;
        long trials = count;
        List<RunReport.HotMethod> out = new ArrayList<>();
        weights.forEach((method, w) -> {
            if (w[0] > 0) {
                Proportion p = Proportion.of(w[2], trials);
                out.add(new RunReport.HotMethod(component, kind, method, round(100.0 * w[0] / total, 2), round(100.0 * w[1] / total, 2),
                        w[2], trials, round(100 * p.low(), 2), round(100 * p.high(), 2)));
            }
        });
        out.sort(Comparator.comparingDouble(RunReport.HotMethod::selfPercent).reversed()
                .thenComparing(Comparator.comparingDouble(RunReport.HotMethod::totalPercent).reversed())
                .thenComparing(RunReport.HotMethod::method));
        return List.copyOf(out.subList(0, Math.min(top, out.size())));
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && !at.isAfter(to);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.round(value * scale) / scale : 0;
    }
}
