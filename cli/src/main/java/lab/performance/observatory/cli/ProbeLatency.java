package lab.performance.observatory.cli;

import java.time.Duration;
import java.util.Locale;
import lab.performance.observatory.core.report.RecordHeaders;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.core.time.NanoClock;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latency of a ceiling probe's records (docs/measurement.md, "Ceiling"), as the pipeline's
 * is measured: from each event's intended send time (its {@code obs-intended-ns} header) to when it
 * is read, in microseconds, counting only events intended within the measured interval (the spec's
 * warm-up and the drain are left out, as in the run). Thread-safe.
 */
final class ProbeLatency {

    /** How a pass-through JVM states what it measured as it stops: events measured and percentiles in ms. */
    static final String RESULT_PREFIX = "observatory-pass-through result ";

    private final long warmupNanos;
    private final long durationNanos;
    private final NanoClock clock;
    private final Histogram micros = LatencyHistograms.newHistogram();
    private long startNanos = -1;
    private long measured;

    /** Measures from {@code warmup} after the first event's intended time until {@code duration} after it, as the run does. */
    ProbeLatency(Duration warmup, Duration duration, NanoClock clock) {
        this.warmupNanos = warmup.toNanos();
        this.durationNanos = duration.toNanos();
        this.clock = clock;
    }

    /** One record read now; its header value, as the generator wrote it. */
    synchronized void record(byte[] intendedHeader) {
        long intended = RecordHeaders.intendedNanos(intendedHeader);
        if (intended < 0) {
            return;
        }
        if (startNanos < 0) {
            startNanos = intended; // the schedule's first event is due as generation starts
        }
        long offset = intended - startNanos;
        if (offset < warmupNanos || offset >= durationNanos) {
            return;
        }
        micros.recordValue(Math.max(0, (clock.epochNanos() - intended) / 1000));
        measured++;
    }

    synchronized long measured() {
        return measured;
    }

    /** What was measured: the events and their p50, p99 and p99.9 in ms. */
    synchronized Result result() {
        return new Result(measured, LatencyHistograms.percentileMillis(micros, 50), LatencyHistograms.percentileMillis(micros, 99),
                LatencyHistograms.percentileMillis(micros, 99.9));
    }

    record Result(long events, double p50Ms, double p99Ms, double p999Ms) {

        String line() {
            return String.format(Locale.ROOT, "%s%d %.3f %.3f %.3f", RESULT_PREFIX, events, p50Ms, p99Ms, p999Ms);
        }

        /** The result a pass-through JVM printed; an IllegalArgumentException when the line is not one. */
        static Result parse(String line) {
            if (!line.startsWith(RESULT_PREFIX)) {
                throw new IllegalArgumentException("not a pass-through result: " + line);
            }
            String[] f = line.substring(RESULT_PREFIX.length()).trim().split(" ");
            if (f.length != 4) {
                throw new IllegalArgumentException("not a pass-through result: " + line);
            }
            return new Result(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
        }
    }
}
