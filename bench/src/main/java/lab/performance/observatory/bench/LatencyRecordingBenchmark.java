package lab.performance.observatory.bench;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Timer;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.core.stats.WindowedHistograms;
import lab.performance.observatory.observe.LatencyTimers;
import lab.performance.observatory.observe.MetricsServer;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the observatory's own per-event instrumentation costs: recording one latency into the
 * topology's window histogram, and into the generator's per-window concurrent histograms (slip
 * and publish: two per event), and into a Prometheus histogram on the shared buckets (what the
 * topology's and the generator's Micrometer timers do per event). Run with
 * {@code make bench-instrumentation}; compare with the topology's CPU per event from a run report
 * (tens of µs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class LatencyRecordingBenchmark {

    static final int VALUES = 4096;
    /** Events per generator window: how often a recording moves on to a new window. */
    static final long NANOS_PER_EVENT = 20_000;
    static final long START = 1_800_000_000_000_000_000L;

    private final long[] micros = new long[VALUES];
    private Histogram topologyWindow;
    private WindowedHistograms generatorWindows;
    private Timer prometheusHistogram;
    private long epochNanos;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < VALUES; i++) {
            // 0.1 ms to a few seconds, mostly a few ms: the shape of real end-to-end latency
            micros[i] = (long) (100 * Math.exp(random.nextDouble() * random.nextDouble() * 10));
        }
        topologyWindow = LatencyHistograms.newHistogram();
        generatorWindows = new WindowedHistograms(Duration.ofSeconds(1));
        epochNanos = START;
        prometheusHistogram = LatencyTimers.histogram("observatory.bench.latency", "one recorded latency").register(MetricsServer.newRegistry());
    }

    @Benchmark
    public long prometheusHistogramRecords() {
        long value = micros[next++ & (VALUES - 1)];
        prometheusHistogram.record(value * 1000, TimeUnit.NANOSECONDS);
        return value;
    }

    @Benchmark
    public long topologyRecordsEndToEnd() {
        long value = micros[next++ & (VALUES - 1)];
        topologyWindow.recordValue(value);
        return value;
    }

    @Benchmark
    public long generatorRecordsSlipAndPublish() {
        long value = micros[next++ & (VALUES - 1)];
        // a minute of windows, reused, so the benchmark measures recording and not filling the heap with windows
        epochNanos = epochNanos + NANOS_PER_EVENT >= START + 60_000_000_000L ? START : epochNanos + NANOS_PER_EVENT;
        generatorWindows.record(epochNanos, value * 1000);
        generatorWindows.record(epochNanos, value * 1000);
        return value;
    }
}
