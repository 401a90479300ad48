package lab.performance.observatory.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time, resident memory (all of it, and its anonymous part, {@code RssAnon}), threads and open file
 * descriptors of a process (or a process tree) from Linux's /proc. CPU includes reaped children, so a
 * PostgreSQL postmaster accounts for backends that already exited. Open files are the entries of
 * /proc/PID/fd (readable for this user's processes). Context switches, voluntary (the thread waited)
 * and involuntary (the scheduler took its core), are summed over /proc/PID/task/TID/status, and the
 * time threads were runnable but waiting for a core over /proc/PID/task/TID/schedstat (its second
 * field): Linux counts both per thread, and a thread that exited is no longer counted.
 */
public record ProcessStats(double cpuSeconds, long rssBytes, long peakRssBytes, int threads, int openFiles, long anonRssBytes,
                           long voluntarySwitches, long involuntarySwitches, double runQueueSeconds) {

    /** USER_HZ, the unit of /proc/PID/stat times, is 100 on every mainstream Linux architecture. */
    static final double CLOCK_TICKS_PER_SECOND = 100.0;
    static final ProcessStats ZERO = new ProcessStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static Optional<ProcessStats> of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
            // the command name may contain spaces and parentheses: fields start after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            long rss = 0;
            long hwm = 0;
            int threads = 0;
            long anon = 0;
            for (String line : Files.readAllLines(proc.resolve("status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kilobytes(line);
                } else if (line.startsWith("RssAnon:")) {
                    anon = kilobytes(line);
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
            long[] scheduling = scheduling(proc.resolve("task"));
            return Optional.of(new ProcessStats(ticks / CLOCK_TICKS_PER_SECOND, rss, hwm, threads, openFiles(proc.resolve("fd")), anon,
                    scheduling[0], scheduling[1], scheduling[2] / 1e9));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or not Linux
        }
    }

    /** The process and all its live descendants, summed. */
    public static Optional<ProcessStats> ofTree(ProcessHandle root) {
        Optional<ProcessStats> own = of(root.pid());
        if (own.isEmpty()) {
            return own;
        }
        ProcessStats total = own.get();
        try (Stream<ProcessHandle> descendants = root.descendants()) {
            for (ProcessHandle child : (Iterable<ProcessHandle>) descendants::iterator) {
                total = total.plus(of(child.pid()).orElse(ZERO));
            }
        }
        return Optional.of(total);
    }

    ProcessStats plus(ProcessStats other) {
        return new ProcessStats(cpuSeconds + other.cpuSeconds, rssBytes + other.rssBytes, peakRssBytes + other.peakRssBytes,
                threads + other.threads, openFiles + other.openFiles, anonRssBytes + other.anonRssBytes,
                voluntarySwitches + other.voluntarySwitches, involuntarySwitches + other.involuntarySwitches,
                runQueueSeconds + other.runQueueSeconds);
    }

    /**
     * Voluntary and involuntary context switches and nanoseconds waiting on a run queue, summed over every
     * live thread; 0 where a thread's files cannot be read (it exited between listing and reading).
     */
    private static long[] scheduling(Path tasks) {
        long[] out = new long[3];
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) threads::iterator) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"), StandardCharsets.US_ASCII)) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            out[0] += Long.parseLong(line.substring("voluntary_ctxt_switches:".length()).trim());
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            out[1] += Long.parseLong(line.substring("nonvoluntary_ctxt_switches:".length()).trim());
                        }
                    }
                    String[] schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII).trim().split(" ");
                    out[2] += Long.parseLong(schedstat[1]);
                } catch (IOException | RuntimeException e) {
                    // the thread exited between listing and reading
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    /** Descriptors open now; 0 when they cannot be listed (another user's process). */
    private static int openFiles(Path fd) {
        try (Stream<Path> entries = Files.list(fd)) {
            return (int) entries.count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long kilobytes(String line) {
        String digits = line.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits) * 1024;
    }
}
