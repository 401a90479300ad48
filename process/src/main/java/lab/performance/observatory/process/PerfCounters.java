package lab.performance.observatory.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.profile.PerfStat;

/**
 * {@code perf stat} attached to a running process (docs/measurement.md, "CPU counters"): its
 * hardware counters (instructions, cycles, cache references and misses) and task-clock, written
 * once a second ({@code -I 1000}) to a file that {@link PerfStat} sums over any interval. Whether the
 * machine can count them at all is asked once ({@link #probe}); where it cannot (most virtual
 * machines, or perf missing or forbidden), nothing is attached and the reason is reported.
 */
public final class PerfCounters implements AutoCloseable {

    static final String EVENTS = "task-clock," + String.join(",", PerfStat.EVENTS);

    private final Process process;
    private final Path output;
    private final Instant startedAt;

    private PerfCounters(Process process, Path output, Instant startedAt) {
        this.process = process;
        this.output = output;
        this.startedAt = startedAt;
    }

    /** Empty when this machine counts instructions; else why not, in one line. */
    public static Optional<String> probe(String perf) {
        try {
            Process p = new ProcessBuilder(perf, "stat", "-x,", "-e", "instructions", "true").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("perf stat did not answer in 20 s");
            }
            return Optional.ofNullable(PerfStat.unsupportedReason(out));
        } catch (IOException e) {
            return Optional.of("perf is not installed (Debian's linux-perf): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking perf");
        }
    }

    /** Counts {@code pid} from now until {@link #close}, into {@code output}; {@code now} is when the interval times start. */
    public static PerfCounters attach(String perf, long pid, Path output, Instant now) throws IOException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(List.of(perf, "stat", "-x,", "-I", "1000", "-e", EVENTS, "-p", Long.toString(pid),
                "-o", output.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new PerfCounters(p, output, now);
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The counts of the rows that ended between two instants (perf stopped first if it still runs). */
    public PerfStat.Counts read(Instant from, Instant to) throws IOException {
        close();
        String text = Files.isRegularFile(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        return PerfStat.parse(text, seconds(startedAt, from), seconds(startedAt, to));
    }

    private static double seconds(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1e9;
    }

    /** Stops perf (SIGTERM: it writes its last interval and exits). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
