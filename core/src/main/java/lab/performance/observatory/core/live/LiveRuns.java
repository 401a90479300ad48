package lab.performance.observatory.core.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.performance.observatory.core.stats.LatencyHistograms;
import org.HdrHistogram.Histogram;

/**
 * The live view of every run the feed mentions, merged across topology instances: for a run,
 * each window is the sum of what every instance summarised for it (a late second summary of the
 * same window from one instance adds to it too), latency percentiles from the merged histograms,
 * lag the sum of each instance's latest, processed-so-far the sum of each instance's latest total.
 * Keeps the newest {@code keepWindows} windows of the newest {@code keepRuns} runs. Pure and thread-safe.
 */
public final class LiveRuns {

    private static final class Run {
        final TreeMap<String, Merged> windows = new TreeMap<>();
        final Map<String, Long> lagByInstance = new HashMap<>();
        final Map<String, Long> totalByInstance = new HashMap<>();
    }

    private static final class Merged {
        long processed;
        long deadLettered;
        long bytes;
        final Histogram latency = LatencyHistograms.newHistogram();
    }

    private final int keepWindows;
    private final int keepRuns;
    private final LinkedHashMap<String, Run> runs = new LinkedHashMap<>(16, 0.75f, true);

    public LiveRuns(int keepWindows, int keepRuns) {
        this.keepWindows = keepWindows;
        this.keepRuns = keepRuns;
    }

    /** Adds one instance's summary; returns the run's merged summary of that window, as clients get it. */
    public synchronized WindowSummary add(WindowSummary s) {
        Run run = runs.computeIfAbsent(s.runId(), id -> new Run());
        while (runs.size() > keepRuns) {
            runs.remove(runs.keySet().iterator().next());
        }
        Merged w = run.windows.computeIfAbsent(s.windowStart(), k -> new Merged());
        w.processed += s.processed();
        w.deadLettered += s.deadLettered();
        w.bytes += s.bytes();
        w.latency.add(s.histogram());
        if (s.lagRecords() != null) {
            run.lagByInstance.put(s.instance(), s.lagRecords());
        }
        run.totalByInstance.merge(s.instance(), s.processedTotal(), Math::max);
        while (run.windows.size() > keepWindows) {
            run.windows.pollFirstEntry();
        }
        return merged(run, s.runId(), s.windowStart(), w);
    }

    /** The run's windows so far, oldest first (what a client joining mid-run is sent first). */
    public synchronized List<WindowSummary> windows(String runId) {
        Run run = runs.get(runId);
        List<WindowSummary> out = new ArrayList<>();
        if (run != null) {
            run.windows.forEach((start, w) -> out.add(merged(run, runId, start, w)));
        }
        return out;
    }

    private static WindowSummary merged(Run run, String runId, String windowStart, Merged w) {
        Long lag = run.lagByInstance.isEmpty() ? null : run.lagByInstance.values().stream().mapToLong(Long::longValue).sum();
        long total = run.totalByInstance.values().stream().mapToLong(Long::longValue).sum();
        return WindowSummary.of(runId, null, windowStart, w.processed, w.deadLettered, w.bytes, w.latency, lag, total);
    }
}
