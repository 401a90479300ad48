package lab.performance.observatory.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CeilingRatiosTest {

    static CeilingProbe raw(int repeat, double p99) {
        return new CeilingProbe(CeilingProbe.RAW, repeat, 12_000, 480_000, 40, p99 / 2, p99, p99 * 2, null);
    }

    static CeilingProbe pass(int repeat, double p99, Double cpu) {
        return new CeilingProbe(CeilingProbe.PASS_THROUGH, repeat, 12_000, 480_000, 40, p99 / 2, p99, p99 * 2, cpu);
    }

    @Test
    void eachRatioIsThePipelinesFigureOverEveryRepeatsProbeWithItsMeanAndSpread() {
        RunReport.Ceiling c = CeilingRatios.of(List.of(raw(1, 8), pass(1, 10, 4.0), raw(2, 10), pass(2, 12.5, 5.0)), List.of(), 20, 10);
        // 20/8 = 2.5, 20/10 = 2.0
        assertThat(c.endToEndP99VsRaw()).isEqualTo(new RunReport.Ratio(2.25, 2.0, 2.5, 2));
        // 20/10 = 2.0, 20/12.5 = 1.6
        assertThat(c.endToEndP99VsPassThrough()).isEqualTo(new RunReport.Ratio(1.8, 1.6, 2.0, 2));
        // 10/4 = 2.5, 10/5 = 2.0
        assertThat(c.cpuPerEventVsPassThrough()).isEqualTo(new RunReport.Ratio(2.25, 2.0, 2.5, 2));
        assertThat(c.rawP99Ms()).isEqualTo(9.0);
        assertThat(c.passThroughP99Ms()).isEqualTo(11.25);
        assertThat(c.passThroughCpuUsPerEvent()).isEqualTo(4.5);
        assertThat(c.probes()).hasSize(4);
    }

    @Test
    void noProbesNoCeiling() {
        assertThat(CeilingRatios.of(List.of(), List.of(), 20, 10)).isNull();
    }

    @Test
    void aRatioWithNothingToDivideIsLeftOutNotMadeUp() {
        // the pipeline's CPU unmeasured; a pass-through without CPU; a raw probe that received nothing
        CeilingProbe empty = new CeilingProbe(CeilingProbe.RAW, 1, 12_000, 0, 40, 0, 0, 0, null);
        RunReport.Ceiling c = CeilingRatios.of(List.of(empty, pass(1, 10, null)), List.of(), 20, 0);
        assertThat(c.endToEndP99VsRaw()).isNull();
        assertThat(c.rawP99Ms()).isNull();
        assertThat(c.cpuPerEventVsPassThrough()).isNull();
        assertThat(c.passThroughCpuUsPerEvent()).isNull();
        assertThat(c.endToEndP99VsPassThrough()).isEqualTo(new RunReport.Ratio(2.0, 2.0, 2.0, 1));
        assertThat(SummaryTable.ceiling(c)).contains("vs raw Kafka's: unmeasured", "2.00x a pass-through topology's 10", "vs the pass-through's: unmeasured");
    }

    @Test
    void theMaxRatesRatioIsThePipelinesMaximumOverThePassThroughsWhenBothFoundOne() {
        RunReport.Ceiling c = CeilingRatios.of(List.of(raw(1, 8)), List.of(new CeilingMaxRate(CeilingMaxRate.PIPELINE, 60_000.0, 6),
                new CeilingMaxRate(CeilingMaxRate.PASS_THROUGH, 150_000.0, 7)), 20, 10);
        assertThat(c.pipelineMaxEps()).isEqualTo(60_000);
        assertThat(c.passThroughMaxEps()).isEqualTo(150_000);
        assertThat(c.maxRateVsPassThrough()).isEqualTo(0.4);
        assertThat(SummaryTable.ceiling(c)).contains("max sustainable rate 60,000 events/s = 0.40x the pass-through's 150,000");
        // a search that sustained nothing it tried: no maximum, no ratio
        RunReport.Ceiling none = CeilingRatios.of(List.of(), List.of(new CeilingMaxRate(CeilingMaxRate.PIPELINE, null, 8),
                new CeilingMaxRate(CeilingMaxRate.PASS_THROUGH, 150_000.0, 7)), 20, 10);
        assertThat(none.pipelineMaxEps()).isNull();
        assertThat(none.maxRateVsPassThrough()).isNull();
        assertThat(SummaryTable.ceiling(none)).contains("max sustainable rate: the pipeline sustained none of the rates tried");
        assertThatThrownBy(() -> new CeilingMaxRate("broker", 1.0, 1)).hasMessageContaining("pipeline or pass_through");
    }

    @Test
    void aProbeIsRawOrPassThrough() {
        assertThatThrownBy(() -> new CeilingProbe("closed_loop", 1, 1, 1, 1, 1, 1, 1, null)).hasMessageContaining("raw_kafka or pass_through");
        assertThat(raw(1, 8).achievedEps()).isEqualTo(12_000);
    }
}
