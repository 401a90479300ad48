package lab.performance.observatory.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import lab.performance.observatory.core.report.ResourceSample;
import lab.performance.observatory.core.time.NanoClock;

/**
 * Samples the CPU time and memory of each component's processes at a fixed interval, through the
 * whole run, so the report can compute CPU cores used and peak RSS over any interval.
 */
public final class ResourceSampler extends PeriodicSampler {

    private final Map<String, Supplier<Optional<ProcessStats>>> components = new ConcurrentHashMap<>();
    private final List<ResourceSample> samples = new ArrayList<>();

    public ResourceSampler(NanoClock clock, Duration interval) {
        super(clock, interval, "resource-sampler");
    }

    /**
     * CPU seconds of a component's earlier processes: a component watched again (restarted by a
     * fault) goes on counting from its predecessor's last sample, so CPU over any interval stays a difference.
     */
    private final Map<String, Double> cpuBefore = new ConcurrentHashMap<>();
    private final Map<String, Double> lastCpu = new ConcurrentHashMap<>();

    /** Samples one process (a process watched under a name already watched replaces it). */
    public void watch(String component, ProcessHandle process) {
        replace(component, () -> ProcessStats.of(process.pid()));
    }

    /** Samples a process and its descendants (PostgreSQL's postmaster and backends). */
    public void watchTree(String component, ProcessHandle root) {
        replace(component, () -> ProcessStats.ofTree(root));
    }

    private synchronized void replace(String component, Supplier<Optional<ProcessStats>> stats) {
        if (components.containsKey(component)) {
            cpuBefore.put(component, lastCpu.getOrDefault(component, cpuBefore.getOrDefault(component, 0.0)));
        }
        components.put(component, stats);
    }

    /** Takes one sample of every component now. */
    @Override
    public void sampleNow() {
        long epochNanos = clock().epochNanos();
        Instant at = Instant.ofEpochSecond(0, epochNanos);
        List<ResourceSample> taken = new ArrayList<>();
        components.forEach((component, stats) -> stats.get().ifPresent(s -> {
            double cpu = cpuBefore.getOrDefault(component, 0.0) + s.cpuSeconds();
            lastCpu.put(component, cpu);
            taken.add(new ResourceSample(component, at, cpu, s.rssBytes(), s.peakRssBytes(), s.threads(), s.openFiles(), s.anonRssBytes(),
                    s.voluntarySwitches(), s.involuntarySwitches(), s.runQueueSeconds()));
        }));
        synchronized (samples) {
            samples.addAll(taken);
        }
    }

    public List<ResourceSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

}
