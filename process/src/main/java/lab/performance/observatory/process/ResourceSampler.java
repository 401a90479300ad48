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

    /** Samples one process. */
    public void watch(String component, ProcessHandle process) {
        components.put(component, () -> ProcessStats.of(process.pid()));
    }

    /** Samples a process and its descendants (PostgreSQL's postmaster and backends). */
    public void watchTree(String component, ProcessHandle root) {
        components.put(component, () -> ProcessStats.ofTree(root));
    }

    /** Takes one sample of every component now. */
    @Override
    public void sampleNow() {
        long epochNanos = clock().epochNanos();
        Instant at = Instant.ofEpochSecond(0, epochNanos);
        List<ResourceSample> taken = new ArrayList<>();
        components.forEach((component, stats) -> stats.get().ifPresent(s ->
                taken.add(new ResourceSample(component, at, s.cpuSeconds(), s.rssBytes(), s.peakRssBytes(), s.threads()))));
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
