package lab.performance.observatory.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.stats.LatencyHistograms;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class GeneratorWindowTest {

    static Histogram of(long... values) {
        Histogram h = LatencyHistograms.newHistogram();
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void partsOfAWindowAddUpExactlyAndLeaveThePartsAlone() {
        Instant t = Instant.parse("2026-12-04T03:00:00Z");
        GeneratorWindow a = new GeneratorWindow("ticks", DataType.MARKET_DATA, t, of(10, 20), of(1_000));
        GeneratorWindow b = new GeneratorWindow("ticks", DataType.MARKET_DATA, t, of(), of(90_000, 2_000));
        GeneratorWindow sum = a.plus(b);
        assertThat(sum.slipMicros().getTotalCount()).isEqualTo(2);
        assertThat(sum.publishMicros().getTotalCount()).isEqualTo(3);
        assertThat(sum.publishMicros().getMaxValue()).isEqualTo(sum.publishMicros().highestEquivalentValue(90_000));
        assertThat(sum.commitToKafkaMicros().getTotalCount()).isZero();
        assertThat(a.publishMicros().getTotalCount()).isEqualTo(1);
        assertThatThrownBy(() -> a.plus(new GeneratorWindow("other", DataType.MARKET_DATA, t, of(), of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a part of ticks@");
        assertThatThrownBy(() -> a.plus(new GeneratorWindow("ticks", DataType.MARKET_DATA, t.plusSeconds(1), of(), of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
