package lab.performance.observatory.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResourceSampleTest {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void usageRatesAccumulateIntoCpuSecondsAndAPeakOfMemory() {
        ResourceSample first = ResourceSample.fromUsage(null, "topology", T0, 0.8, 300_000_000);
        assertThat(first.cpuSeconds()).isZero();
        assertThat(first.peakRssBytes()).isEqualTo(300_000_000);
        ResourceSample second = ResourceSample.fromUsage(first, "topology", T0.plusSeconds(10), 0.5, 400_000_000);
        ResourceSample third = ResourceSample.fromUsage(second, "topology", T0.plusMillis(12_500), 2.0, 350_000_000);
        assertThat(second.cpuSeconds()).isCloseTo(5.0, within(1e-9));
        assertThat(third.cpuSeconds()).isCloseTo(10.0, within(1e-9));
        assertThat(third.rssBytes()).isEqualTo(350_000_000);
        assertThat(third.peakRssBytes()).isEqualTo(400_000_000);
        assertThat(third.threads()).isZero();
    }

    @Test
    void aSampleNotAfterThePreviousOneIsRefused() {
        ResourceSample first = ResourceSample.fromUsage(null, "topology", T0, 1, 1);
        assertThatThrownBy(() -> ResourceSample.fromUsage(first, "topology", T0, 1, 1)).hasMessageContaining("not after");
    }
}
