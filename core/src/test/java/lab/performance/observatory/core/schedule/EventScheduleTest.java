package lab.performance.observatory.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.KeyDistribution;
import lab.performance.observatory.core.spec.PatternSpec;
import lab.performance.observatory.core.spec.SizeDistribution;
import lab.performance.observatory.core.spec.SpikeSpec;
import org.junit.jupiter.api.Test;

public class EventScheduleTest {

    public static List<Long> instants(RateProfile profile, Duration duration) {
        EventSchedule schedule = new EventSchedule(profile, duration);
        List<Long> out = new ArrayList<>();
        for (long k = 0; ; k++) {
            long offset = schedule.offsetNanos(k);
            if (offset == EventSchedule.AFTER_END) {
                return out;
            }
            out.add(offset);
        }
    }

    static DataSourceSpec source(double rate, PatternSpec pattern, SpikeSpec spikes) {
        return new DataSourceSpec("s", DataType.MARKET_DATA, rate, pattern, spikes,
                new SizeDistribution(100, 100, SizeDistribution.Shape.UNIFORM),
                new KeyDistribution(KeyDistribution.Kind.UNIFORM, 10, 1), lab.performance.observatory.core.spec.DataType.LATEST_SCHEMA_VERSION, lab.performance.observatory.core.spec.Framing.AUTO);
    }

    @Test
    void steadyRateSpacesEventsEvenlyFromTimeZero() {
        List<Long> instants = instants(new SteadyRate(1000), Duration.ofSeconds(2));
        assertThat(instants).hasSize(2000);
        for (int k = 0; k < instants.size(); k++) {
            assertThat(instants.get(k)).isEqualTo(k * 1_000_000L);
        }
    }

    @Test
    void steadyRateWithAnAwkwardRateStaysExact() {
        List<Long> instants = instants(new SteadyRate(3), Duration.ofSeconds(1));
        assertThat(instants).containsExactly(0L, 333_333_333L, 666_666_667L);
        assertThat(new EventSchedule(new SteadyRate(3), Duration.ofSeconds(10)).plannedEvents()).isEqualTo(30);
    }

    @Test
    void burstyRateAlternatesQuietAndBurstPhases() {
        // 2 s quiet at 10/s, then 1 s burst at 100/s: 120 events per 3 s cycle
        List<Long> instants = instants(new BurstyRate(10, 100, 1, 2), Duration.ofSeconds(6));
        assertThat(instants).hasSize(240);
        assertThat(instants.subList(0, 3)).containsExactly(0L, 100_000_000L, 200_000_000L);
        assertThat(instants.get(20)).isEqualTo(2_000_000_000L); // first burst event
        assertThat(instants.get(21)).isEqualTo(2_010_000_000L);
        assertThat(instants.get(119)).isEqualTo(2_990_000_000L);
        assertThat(instants.get(120)).isEqualTo(3_000_000_000L); // next cycle starts quiet again
        assertThat(instants.get(121)).isEqualTo(3_100_000_000L);
        long inFirstBurst = instants.stream().filter(t -> t >= 2_000_000_000L && t < 3_000_000_000L).count();
        assertThat(inFirstBurst).isEqualTo(100);
    }

    @Test
    void periodicRateFollowsTheSineAndAveragesToTheBase() {
        PeriodicRate profile = new PeriodicRate(1000, 500, 4);
        List<Long> instants = instants(profile, Duration.ofSeconds(8));
        // whole periods: exactly base × duration events
        assertThat(instants).hasSize(8000);
        // first second is on the rising half: more than the base; the third on the falling half
        long first = instants.stream().filter(t -> t < 1_000_000_000L).count();
        long third = instants.stream().filter(t -> t >= 2_000_000_000L && t < 3_000_000_000L).count();
        double expectedFirst = profile.eventsBy(1);
        assertThat((double) first).isCloseTo(expectedFirst, within(1.0));
        assertThat(first).isGreaterThan(1250);
        assertThat(third).isLessThan(750);
        // each instant inverts the integral
        for (int k = 1; k < instants.size(); k += 997) {
            assertThat(profile.eventsBy(instants.get(k) / 1e9)).isCloseTo(k, within(1e-3));
        }
    }

    @Test
    void periodicRateWithFullAmplitudeTouchesZeroWithoutStalling() {
        PeriodicRate profile = new PeriodicRate(100, 100, 2);
        List<Long> instants = instants(profile, Duration.ofSeconds(4));
        assertThat(instants).hasSize(400);
        assertThat(instants).isSorted();
    }

    @Test
    void chaosRateIsSeededAndStaysWithinBounds() {
        ChaosRate a = new ChaosRate(100, 1000, 1, 42);
        ChaosRate b = new ChaosRate(100, 1000, 1, 42);
        ChaosRate other = new ChaosRate(100, 1000, 1, 43);
        List<Long> instantsA = instants(a, Duration.ofSeconds(20));
        assertThat(instantsA).isEqualTo(instants(b, Duration.ofSeconds(20)));
        assertThat(instantsA).isNotEqualTo(instants(other, Duration.ofSeconds(20)));
        for (int second = 0; second < 20; second++) {
            long lo = second * 1_000_000_000L;
            long count = instantsA.stream().filter(t -> t >= lo && t < lo + 1_000_000_000L).count();
            double rate = a.rateAt(second + 0.5);
            assertThat(rate).isBetween(100.0, 1000.0);
            assertThat((double) count).isCloseTo(rate, within(1.0));
        }
    }

    @Test
    void chaosRateWithAZeroMinimumSkipsSilentIntervals() {
        ChaosRate profile = new ChaosRate(0, 10, 0.5, 7);
        List<Long> instants = instants(profile, Duration.ofSeconds(30));
        assertThat(instants).isSorted();
        assertThat((double) instants.size()).isCloseTo(profile.eventsBy(30), within(1.0));
    }

    @Test
    void spikesMultiplyTheRateOfChosenIntervalsOnly() {
        SpikyRate profile = new SpikyRate(new SteadyRate(100), 0.3, 10, 1, 99);
        List<Long> instants = instants(profile, Duration.ofSeconds(50));
        int spikes = 0;
        for (int second = 0; second < 50; second++) {
            long lo = second * 1_000_000_000L;
            long count = instants.stream().filter(t -> t >= lo && t < lo + 1_000_000_000L).count();
            if (profile.spikes(second)) {
                spikes++;
                assertThat(count).isEqualTo(1000);
            } else {
                assertThat(count).isEqualTo(100);
            }
        }
        assertThat(spikes).isBetween(5, 25);
    }

    @Test
    void spikesWithZeroProbabilityChangeNothing() {
        List<Long> plain = instants(new SteadyRate(250), Duration.ofSeconds(3));
        List<Long> spiky = instants(new SpikyRate(new SteadyRate(250), 0, 10, 1, 1), Duration.ofSeconds(3));
        assertThat(spiky).isEqualTo(plain);
    }

    @Test
    void aSourceSpecBecomesItsProfile() {
        assertThat(EventSchedule.profileOf(source(50, new PatternSpec.Steady(), null))).isEqualTo(new SteadyRate(50));
        assertThat(EventSchedule.profileOf(source(50, new PatternSpec.Periodic(10, 20), null))).isEqualTo(new PeriodicRate(50, 20, 10));
        assertThat(EventSchedule.profileOf(source(50, new PatternSpec.Bursty(500, 1, 3), null))).isEqualTo(new BurstyRate(50, 500, 1, 3));
        assertThat(EventSchedule.profileOf(source(50, new PatternSpec.Chaos(1, 9, 2, 5), null))).isInstanceOf(ChaosRate.class);
        assertThat(EventSchedule.profileOf(source(50, new PatternSpec.Steady(), new SpikeSpec(0.1, 10, 1, 3)))).isInstanceOf(SpikyRate.class);
        EventSchedule schedule = EventSchedule.of(source(50, new PatternSpec.Steady(), null), Duration.ofSeconds(4));
        assertThat(schedule.plannedEvents()).isEqualTo(200);
        assertThat(schedule.durationNanos()).isEqualTo(4_000_000_000L);
    }

    @Test
    void plannedEventsMatchesTheInstantsForEveryPattern() {
        List<RateProfile> profiles = List.of(new SteadyRate(777), new PeriodicRate(300, 120, 7), new BurstyRate(40, 400, 0.5, 1.5),
                new ChaosRate(10, 500, 0.25, 11), new SpikyRate(new PeriodicRate(200, 50, 3), 0.2, 5, 1, 8));
        for (RateProfile profile : profiles) {
            Duration d = Duration.ofMillis(9_321);
            assertThat(new EventSchedule(profile, d).plannedEvents()).as(profile.toString()).isEqualTo(instants(profile, d).size());
        }
    }
}
