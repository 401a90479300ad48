package lab.performance.observatory.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import lab.performance.observatory.core.lifecycle.GeneratorState;
import lab.performance.observatory.generator.GeneratorProgress;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.process.FreePorts;

/**
 * The planned generator instances of a local run, one JVM each, and what they report: each prints
 * its progress as JSON lines, and a generator that exits 0 after its {@code done} line has recorded
 * what it sent. Its CPU and memory are sampled as the component {@code generator} (several
 * instances: {@code generator-0}, {@code generator-1}, ...).
 */
final class LocalGenerators implements AutoCloseable {

    /**
     * What all instances reported so far, added up; {@code reports} counts the first instance's
     * progress lines, one per second of its generation.
     */
    record Totals(long sent, long acked, long failed, double maxSlipMs, int done, long reports) {
    }

    private final List<ChildProcess> processes = new ArrayList<>();
    private final List<AtomicReference<GeneratorProgress>> latest = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong reports = new java.util.concurrent.atomic.AtomicLong();

    /** Starts the instances, each serving its metrics on a free port announced to {@code targets}. */
    static LocalGenerators start(String runId, int instances, Infrastructure infrastructure, Path logs, LocalMeasurements measurements,
                                 ScrapeTargets targets) throws IOException {
        LocalGenerators g = new LocalGenerators();
        try {
            for (int i = 0; i < instances; i++) {
                String component = instances == 1 ? "generator" : "generator-" + i;
                Path recording = measurements.recording(component);
                int metricsPort = FreePorts.pick();
                ChildProcess p = ChildJvms.generator(runId, i, instances, infrastructure.bootstrapServers(), infrastructure.jdbcUrl(),
                        infrastructure.childEnvironment(), infrastructure.registryUrl(), metricsPort, logs.resolve(component + ".log"), recording);
                targets.add(new PrometheusConfig.Target("generator", "127.0.0.1:" + metricsPort, "/metrics",
                        java.util.Map.of("run", runId, "generator_instance", Integer.toString(i))));
                AtomicReference<GeneratorProgress> progress = new AtomicReference<>();
                boolean first = i == 0;
                p.onLine(line -> GeneratorProgress.parse(line).ifPresent(report -> {
                    progress.set(report);
                    if (first && GeneratorProgress.PROGRESS.equals(report.event())) {
                        g.reports.incrementAndGet();
                    }
                }));
                g.processes.add(p);
                g.latest.add(progress);
                measurements.watch(component, p.handle());
            }
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
        return g;
    }

    /** Components whose flight recordings the report analyses. */
    static List<String> components(int instances) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            out.add(instances == 1 ? "generator" : "generator-" + i);
        }
        return out;
    }

    GeneratorState state() {
        int done = 0;
        int active = 0;
        for (int i = 0; i < processes.size(); i++) {
            ChildProcess p = processes.get(i);
            GeneratorProgress last = latest.get(i).get();
            if (last != null && GeneratorProgress.DONE.equals(last.event())) {
                done++; // everything it counted is stored before it says so; it may still be serving its last metrics
                continue;
            }
            OptionalInt exit = p.exitStatusIfEnded();
            if (exit.isEmpty()) {
                active++;
                continue;
            }
            last = latest.get(i).get(); // its last line may have been read just after its exit was seen
            if (last == null || !GeneratorProgress.DONE.equals(last.event())) {
                return new GeneratorState.Failed(p.name() + " failed (exit status " + exit.getAsInt() + "); last lines of " + p.logFile()
                        + ":\n" + p.tail(15));
            }
            done++;
        }
        return done == processes.size() ? new GeneratorState.Finished(done) : new GeneratorState.Sending(active, done, processes.size());
    }

    Totals totals() {
        long sent = 0;
        long acked = 0;
        long failed = 0;
        double slip = 0;
        int done = 0;
        for (AtomicReference<GeneratorProgress> ref : latest) {
            GeneratorProgress p = ref.get();
            if (p != null) {
                sent += p.sent();
                acked += p.acked();
                failed += p.failed();
                slip = Math.max(slip, p.maxSlipMs());
                done += GeneratorProgress.DONE.equals(p.event()) ? 1 : 0;
            }
        }
        return new Totals(sent, acked, failed, slip, done, reports.get());
    }

    @Override
    public void close() {
        processes.forEach(p -> p.stop(Duration.ofSeconds(30)));
    }
}
