package lab.performance.observatory.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import lab.performance.observatory.core.report.GeneratorWindow;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.core.stats.WindowedHistograms;
import org.HdrHistogram.Histogram;

/**
 * Live counts and latency of one data source: written by its sender and the producer's callbacks,
 * read by progress. Latency is kept per window of actual send time: schedule slip (actual −
 * intended send) and publish (acknowledgement − actual send).
 */
public final class SourceCounters {

    private final DataSourceSpec source;
    final AtomicLong sent = new AtomicLong();
    final LongAdder acked = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder ackedBytes = new LongAdder();
    /** Corrupt records of the source's mix handed to the producer (docs/reliability.md). */
    final LongAdder corrupt = new LongAdder();
    final AtomicLong maxSlipNanos = new AtomicLong();
    private final WindowedHistograms slip;
    private final WindowedHistograms publish;
    /** A CDC source's changes: broker acknowledgement − transaction commit, by commit time (docs/cdc.md). */
    private final WindowedHistograms commitToKafka;
    final java.util.concurrent.atomic.LongAdder forwarded = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder forwardFailed = new java.util.concurrent.atomic.LongAdder();
    private volatile long firstSentNanoTime = Long.MIN_VALUE;
    private volatile long lastSentNanoTime = Long.MIN_VALUE;
    private long anchorNanoTime;
    private long anchorEpochNanos;
    private final SourceMeters meters;

    public SourceCounters(DataSourceSpec source, Duration window) {
        this(source, window, SourceMeters.NONE);
    }

    SourceCounters(DataSourceSpec source, Duration window, SourceMeters meters) {
        this.source = source;
        this.meters = meters;
        this.slip = new WindowedHistograms(window);
        this.publish = new WindowedHistograms(window);
        this.commitToKafka = new WindowedHistograms(window);
    }

    /** Ties the sender's monotonic clock to the wall clock; set before the sender starts. */
    void anchor(long nanoTime, long epochNanos) {
        this.anchorNanoTime = nanoTime;
        this.anchorEpochNanos = epochNanos;
    }

    private long epochOf(long nanoTime) {
        return anchorEpochNanos + (nanoTime - anchorNanoTime);
    }

    public DataSourceSpec source() {
        return source;
    }

    public long sent() {
        return sent.get();
    }

    public long acked() {
        return acked.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** The latest any event of this source was sent after its intended time. */
    public long maxSlipNanos() {
        return maxSlipNanos.get();
    }

    void recordSlip(long sentNanoTime, long slipNanos) {
        if (firstSentNanoTime == Long.MIN_VALUE) {
            firstSentNanoTime = sentNanoTime;
        }
        lastSentNanoTime = sentNanoTime;
        if (slipNanos > maxSlipNanos.get()) {
            maxSlipNanos.accumulateAndGet(slipNanos, Math::max);
        }
        slip.record(epochOf(sentNanoTime), slipNanos);
        meters.sent(slipNanos);
    }

    void recordAcknowledged(long sentNanoTime, long ackNanoTime, int bytes) {
        acked.increment();
        ackedBytes.add(bytes);
        publish.record(epochOf(sentNanoTime), ackNanoTime - sentNanoTime);
        meters.acknowledged(ackNanoTime - sentNanoTime, bytes);
    }

    /** A CDC change the broker acknowledged: committed at {@code commitEpochNanos}, acknowledged at {@code ackEpochNanos}. */
    void recordForwarded(long commitEpochNanos, long ackEpochNanos) {
        forwarded.increment();
        commitToKafka.record(commitEpochNanos, Math.max(0, ackEpochNanos - commitEpochNanos));
    }

    /** A CDC change the broker refused: committed, never in the topic, so it will count as lost. */
    void recordForwardFailure() {
        forwardFailed.increment();
    }

    /** CDC changes in the topic so far. */
    public long forwarded() {
        return forwarded.sum();
    }

    void recordFailure() {
        failed.increment();
        meters.failed();
    }

    /**
     * Events per second actually sent, from the first send to the last by the sender's clock
     * (n − 1 intervals between n sends); 0 before two sends.
     */
    public double achievedRate() {
        long first = firstSentNanoTime;
        long last = lastSentNanoTime;
        long n = sent();
        return n < 2 || last <= first ? 0 : (n - 1) / ((last - first) / 1e9);
    }

    /**
     * Latency windows so far that were not drained; a window with sends but no acknowledgement yet has
     * an empty publish histogram. Call once the sender has stopped and the producer flushed.
     */
    public List<GeneratorWindow> windows() {
        return join(slip.snapshot(), publish.snapshot(), commitToKafka.snapshot());
    }

    /**
     * Removes and returns the windows that ended by {@code cutoffEpochNanos} (a later value for one
     * comes again in a later drain, to be added to it): a long run stores these as it goes, so the
     * generator's memory does not grow with the run's length. Safe while the sender runs.
     */
    public List<GeneratorWindow> drainWindows(long cutoffEpochNanos) {
        return join(slip.drainBefore(cutoffEpochNanos), publish.drainBefore(cutoffEpochNanos), commitToKafka.drainBefore(cutoffEpochNanos));
    }

    /** Every window not drained yet, removed. Call once the sender has stopped and the producer flushed. */
    public List<GeneratorWindow> drainAll() {
        slip.seal();
        publish.seal();
        commitToKafka.seal();
        return drainWindows(Long.MAX_VALUE);
    }

    private List<GeneratorWindow> join(SortedMap<Instant, Histogram> slips, SortedMap<Instant, Histogram> publishes,
                                       SortedMap<Instant, Histogram> forwards) {
        TreeSet<Instant> starts = new TreeSet<>(slips.keySet());
        starts.addAll(publishes.keySet());
        starts.addAll(forwards.keySet());
        List<GeneratorWindow> out = new ArrayList<>();
        for (Instant start : starts) {
            out.add(new GeneratorWindow(source.name(), source.dataType(), start, orEmpty(slips, start), orEmpty(publishes, start),
                    orEmpty(forwards, start)));
        }
        return out;
    }

    private static Histogram orEmpty(Map<Instant, Histogram> windows, Instant start) {
        Histogram h = windows.get(start);
        return h == null ? LatencyHistograms.newHistogram() : h;
    }

    public SourceTotals totals() {
        return new SourceTotals(source.name(), source.dataType(), sent(), acked(), failed(), ackedBytes.sum(), corrupt.sum());
    }
}
