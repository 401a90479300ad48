package lab.performance.observatory.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProportionTest {

    @Test
    void knownIntervals() {
        // one sample of fifteen: a hot method a 30 s run once ranked at 6.7 %
        Proportion one = Proportion.of(1, 15);
        assertThat(one.share()).isCloseTo(0.0667, within(1e-4));
        assertThat(one.low()).isCloseTo(0.0119, within(1e-3));
        assertThat(one.high()).isCloseTo(0.2982, within(1e-3));
        Proportion half = Proportion.of(50, 100);
        assertThat(half.low()).isCloseTo(0.4038, within(1e-3));
        assertThat(half.high()).isCloseTo(0.5962, within(1e-3));
        assertThat(Proportion.of(0, 20).low()).isZero();
        assertThat(Proportion.of(0, 20).high()).isCloseTo(0.1611, within(1e-3));
        assertThat(Proportion.of(20, 20).high()).isEqualTo(1.0);
    }

    @Test
    void theIntervalCoversTheTrueShareAboutNineteenTimesInTwenty() {
        Random random = new Random(17);
        int covered = 0;
        int runs = 4000;
        for (int r = 0; r < runs; r++) {
            int hits = 0;
            for (int i = 0; i < 200; i++) {
                hits += random.nextDouble() < 0.07 ? 1 : 0;
            }
            Proportion p = Proportion.of(hits, 200);
            covered += p.low() <= 0.07 && 0.07 <= p.high() ? 1 : 0;
        }
        assertThat(covered / (double) runs).isBetween(0.93, 0.97);
    }

    @Test
    void notAProportion() {
        assertThatThrownBy(() -> Proportion.of(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Proportion.of(5, 4)).isInstanceOf(IllegalArgumentException.class).hasMessage("5 of 4 is not a proportion");
        assertThatThrownBy(() -> Proportion.of(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
