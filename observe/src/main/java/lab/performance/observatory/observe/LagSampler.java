package lab.performance.observatory.observe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lab.performance.observatory.core.report.LagSample;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.process.PeriodicSampler;

/**
 * The topology's consumer lag once a second for a run's report (its timeline's lag per window),
 * read through the same exporter Prometheus scrapes, so both see one cache and the same numbers.
 */
public final class LagSampler extends PeriodicSampler {

    private final LagExporter exporter;
    private final String group;
    private final List<LagSample> samples = new ArrayList<>();
    private volatile String lastError;

    public LagSampler(LagExporter exporter, String group, NanoClock clock) {
        super(clock, Duration.ofSeconds(1), "lag-sampler");
        this.exporter = exporter;
        this.group = group;
    }

    @Override
    public void sampleNow() {
        try {
            exporter.read().stream().filter(g -> g.group().equals(group)).findFirst().map(LagSample::of).ifPresent(s -> {
                synchronized (samples) {
                    samples.add(s);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            lastError = e.toString();
        }
    }

    public List<LagSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Why a sample failed, if one did. */
    public String lastError() {
        return lastError;
    }
}
