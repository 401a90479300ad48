package lab.performance.observatory.core.profile;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code perf stat -x, -I MS} wrote about one process (docs/measurement.md, "CPU counters"): its
 * interval rows ({@code seconds since start,value,unit,event,...}) summed per event over the rows that
 * end inside a window. A counter the machine cannot count ({@code <not supported>}, as in most virtual
 * machines) or did not count is absent, never zero. Pure.
 */
public final class PerfStat {

    /** The hardware events asked for, beside task-clock. */
    public static final java.util.List<String> EVENTS = java.util.List.of("instructions", "cycles", "cache-references", "cache-misses");

    private PerfStat() {
    }

    /** Per event its sum over the window; {@code absent}: events perf named but could not count, with why. */
    public record Counts(Map<String, Double> sums, Map<String, String> absent, int rows) {

        public Double get(String event) {
            return sums.get(event);
        }
    }

    /** Sums the rows whose interval ends after {@code fromSeconds} and at or before {@code toSeconds} (seconds since perf started). */
    public static Counts parse(String output, double fromSeconds, double toSeconds) {
        Map<String, Double> sums = new LinkedHashMap<>();
        Map<String, String> absent = new LinkedHashMap<>();
        Set<Double> times = new TreeSet<>();
        for (String line : output.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split(",", -1);
            if (f.length < 4) {
                continue;
            }
            double at;
            try {
                at = Double.parseDouble(f[0]);
            } catch (NumberFormatException e) {
                continue; // not an interval row
            }
            String event = f[3].strip();
            String value = f[1].strip();
            if (value.startsWith("<")) {
                absent.putIfAbsent(event, value.replace("<", "").replace(">", ""));
                continue;
            }
            if (at <= fromSeconds || at > toSeconds) {
                continue;
            }
            try {
                sums.merge(event, Double.parseDouble(value), Double::sum);
                times.add(at);
            } catch (NumberFormatException e) {
                absent.putIfAbsent(event, "unreadable value '" + value + "'");
            }
        }
        sums.keySet().forEach(absent::remove);
        return new Counts(sums, absent, times.size());
    }

    /** Whether a probe's output ({@code perf stat -x, -e instructions true}) counted instructions; else why not. */
    public static String unsupportedReason(String probeOutput) {
        for (String line : probeOutput.split("\n")) {
            String[] f = line.strip().split(",", -1);
            if (f.length >= 3 && f[2].strip().equals("instructions")) {
                return f[0].startsWith("<") ? String.format(Locale.ROOT, "perf stat -e instructions: %s (no hardware counters here, "
                        + "as in most virtual machines)", f[0].strip()) : null;
            }
        }
        return "perf stat -e instructions printed no count: " + probeOutput.strip().lines().reduce((a, b) -> b).orElse("nothing");
    }
}
