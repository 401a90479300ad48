package lab.performance.observatory.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lab.performance.observatory.core.schedule.BurstyRate;
import lab.performance.observatory.core.schedule.EventSchedule;
import lab.performance.observatory.core.schedule.SteadyRate;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.KeyDistribution;
import lab.performance.observatory.core.spec.PatternSpec;
import lab.performance.observatory.core.spec.SizeDistribution;
import lab.performance.observatory.core.time.ManualNanoClock;
import org.junit.jupiter.api.Test;

class SourceSenderTest {

    static final long EPOCH_AT_ZERO = 1_800_000_000_000_000_000L;

    static DataSourceSpec source() {
        return new DataSourceSpec("ticks", DataType.MARKET_DATA, 1000, new PatternSpec.Steady(), null,
                new SizeDistribution(100, 100, SizeDistribution.Shape.UNIFORM), new KeyDistribution(KeyDistribution.Kind.UNIFORM, 10, 1), lab.performance.observatory.core.spec.DataType.LATEST_SCHEMA_VERSION, lab.performance.observatory.core.spec.Framing.AUTO);
    }

    /** Records what was sent and when, by the clock. Optionally takes time per send, like a slow producer. */
    static final class RecordingSink implements EventSink {
        final ManualNanoClock clock;
        final List<long[]> sent = new ArrayList<>(); // {clock time at send, intended epoch nanos}
        long costPerSendNanos;
        long stallAtEvent = -1;
        long stallNanos;

        RecordingSink(ManualNanoClock clock) {
            this.clock = clock;
        }

        @Override
        public void send(byte[] key, byte[] value, long intendedEpochNanos, long sentNanoTime) {
            assertThat(sentNanoTime).isEqualTo(clock.nanoTime());
            sent.add(new long[] {clock.nanoTime(), intendedEpochNanos});
            if (sent.size() - 1 == stallAtEvent) {
                clock.advance(stallNanos);
            }
            clock.advance(costPerSendNanos);
        }
    }

    static SourceSender sender(EventSchedule schedule, RecordingSink sink, SourceCounters counters, long start) {
        return new SourceSender(schedule, EventFactory.of(source(), 1), sink, counters, sink.clock, start, EPOCH_AT_ZERO + start);
    }

    @Test
    void sendsEveryEventAtItsInstantStampedWithIt() {
        ManualNanoClock clock = new ManualNanoClock(EPOCH_AT_ZERO);
        RecordingSink sink = new RecordingSink(clock);
        SourceCounters counters = new SourceCounters(source(), Duration.ofSeconds(1));
        long start = 5_000_000;
        sender(new EventSchedule(new SteadyRate(1000), Duration.ofSeconds(2)), sink, counters, start).run();

        assertThat(sink.sent).hasSize(2000);
        for (int k = 0; k < 2000; k++) {
            long planned = start + k * 1_000_000L;
            assertThat(sink.sent.get(k)[0]).as("sent at").isEqualTo(planned);
            assertThat(sink.sent.get(k)[1]).as("intended").isEqualTo(EPOCH_AT_ZERO + planned);
        }
        assertThat(counters.sent()).isEqualTo(2000);
        assertThat(counters.maxSlipNanos()).isZero();
    }

    @Test
    void aStalledSenderCatchesUpWithoutMovingTheSchedule() {
        ManualNanoClock clock = new ManualNanoClock(EPOCH_AT_ZERO);
        RecordingSink sink = new RecordingSink(clock);
        sink.stallAtEvent = 100;
        sink.stallNanos = 50_000_000; // the send of event 100 takes 50 ms: events 101..150 are all overdue
        SourceCounters counters = new SourceCounters(source(), Duration.ofSeconds(1));
        sender(new EventSchedule(new SteadyRate(1000), Duration.ofSeconds(1)), sink, counters, 0).run();

        assertThat(sink.sent).hasSize(1000);
        for (int k = 0; k < 1000; k++) {
            assertThat(sink.sent.get(k)[1]).isEqualTo(EPOCH_AT_ZERO + k * 1_000_000L); // intended: never shifted
        }
        // overdue events go out at once, as soon as the stall ends
        for (int k = 101; k <= 150; k++) {
            assertThat(sink.sent.get(k)[0]).isEqualTo(150_000_000L);
        }
        assertThat(sink.sent.get(151)[0]).isEqualTo(151_000_000L); // back on schedule
        assertThat(counters.maxSlipNanos()).isEqualTo(49_000_000L); // event 101 was due at 101 ms

        // the slip histogram holds every event: 949 on time, then 49, 48, ... 0 ms for events 101..150
        assertThat(counters.windows()).hasSize(1);
        org.HdrHistogram.Histogram slip = counters.windows().get(0).slipMicros();
        assertThat(slip.getTotalCount()).isEqualTo(1000);
        assertThat(slip.getCountBetweenValues(1, 49_100)).isEqualTo(49);
        assertThat(slip.getMaxValue()).isBetween(48_990L, 49_030L);
        // 990 of 1000 slips are at most 39 ms (951 zero, 1..39 ms), so p99 is 39 ms
        assertThat(slip.getValueAtPercentile(99)).isBetween(38_990L, 39_030L);
        assertThat(counters.windows().get(0).windowStart()).isEqualTo(java.time.Instant.ofEpochSecond(0, EPOCH_AT_ZERO));
    }

    @Test
    void burstyScheduleSendsTheBurstAtTheBurstRate() {
        ManualNanoClock clock = new ManualNanoClock(EPOCH_AT_ZERO);
        RecordingSink sink = new RecordingSink(clock);
        sender(new EventSchedule(new BurstyRate(100, 1000, 0.5, 1.5), Duration.ofSeconds(4)), sink, new SourceCounters(source(), Duration.ofSeconds(1)), 0).run();
        // per 2 s cycle: 1.5 s × 100 + 0.5 s × 1000 = 650
        assertThat(sink.sent).hasSize(1300);
        long inBurst = sink.sent.stream().filter(s -> s[0] >= 1_500_000_000L && s[0] < 2_000_000_000L).count();
        assertThat(inBurst).isEqualTo(500);
    }

    @Test
    void stopEndsTheLoopBeforeTheNextEvent() {
        ManualNanoClock clock = new ManualNanoClock(EPOCH_AT_ZERO);
        RecordingSink sink = new RecordingSink(clock);
        SourceCounters counters = new SourceCounters(source(), Duration.ofSeconds(1));
        SourceSender[] sender = new SourceSender[1];
        EventSink stopping = (key, value, intended, sentAt) -> {
            sink.send(key, value, intended, sentAt);
            if (sink.sent.size() == 10) {
                sender[0].stop();
            }
        };
        sender[0] = new SourceSender(new EventSchedule(new SteadyRate(1000), Duration.ofSeconds(1)), EventFactory.of(source(), 1),
                stopping, counters, clock, 0, EPOCH_AT_ZERO);
        sender[0].run();
        assertThat(sink.sent).hasSize(10);
        assertThat(counters.sent()).isEqualTo(10);
    }
}
