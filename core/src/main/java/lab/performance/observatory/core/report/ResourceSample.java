package lab.performance.observatory.core.report;

import java.time.Duration;
import java.time.Instant;

/**
 * One reading of a component's processes: cumulative CPU seconds, resident memory now, the
 * high-water mark of resident memory so far, the numbers of threads and open files now, and the
 * anonymous part of resident memory (heap, native memory, stacks: not mapped files or shared memory,
 * which grow with the data a broker maps and the buffers PostgreSQL's backends touch), and the
 * voluntary and involuntary context switches of its live threads so far and the seconds they spent
 * runnable, waiting for a core (a thread that exited takes its counts along); 0 when the source does
 * not know them.
 */
public record ResourceSample(String component, Instant at, double cpuSeconds, long rssBytes, long peakRssBytes, int threads, int openFiles,
                             long anonRssBytes, long voluntarySwitches, long involuntarySwitches, double runQueueSeconds) {

    /** Scheduling unknown. */
    public ResourceSample(String component, Instant at, double cpuSeconds, long rssBytes, long peakRssBytes, int threads, int openFiles,
                          long anonRssBytes) {
        this(component, at, cpuSeconds, rssBytes, peakRssBytes, threads, openFiles, anonRssBytes, 0, 0, 0);
    }

    /** Open files and anonymous memory unknown. */
    public ResourceSample(String component, Instant at, double cpuSeconds, long rssBytes, long peakRssBytes, int threads) {
        this(component, at, cpuSeconds, rssBytes, peakRssBytes, threads, 0, 0, 0, 0, 0);
    }

    /**
     * The sample after {@code previous} from a usage rate, as Kubernetes' metrics API reports it (CPU
     * cores averaged over the window ending at {@code at}, memory now): CPU seconds accumulate as
     * cores × the time since the previous sample, so the report's cores over any interval are the
     * same whether a component was sampled from /proc or from the metrics API. Threads are unknown (0).
     *
     * @param previous the component's last sample of the run, or null for its first
     */
    public static ResourceSample fromUsage(ResourceSample previous, String component, Instant at, double cores, long memoryBytes) {
        if (previous == null) {
            return new ResourceSample(component, at, 0, memoryBytes, memoryBytes, 0);
        }
        if (!at.isAfter(previous.at())) {
            throw new IllegalArgumentException("sample at " + at + " is not after the previous one at " + previous.at());
        }
        double seconds = Duration.between(previous.at(), at).toNanos() / 1e9;
        return new ResourceSample(component, at, previous.cpuSeconds() + cores * seconds, memoryBytes,
                Math.max(previous.peakRssBytes(), memoryBytes), 0);
    }
}
