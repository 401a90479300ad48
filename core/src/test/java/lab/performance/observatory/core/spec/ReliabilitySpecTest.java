package lab.performance.observatory.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReliabilitySpecTest {

    @Test
    void aSourceMayMixInCorruptRecordsAndReadsBackAsWritten() throws InvalidSpecException {
        BenchmarkSpec mixed = SpecParser.parse(CdcSpecTest.spec("market_data", "      corrupt_fraction: 0.01"));
        assertThat(mixed.dataSources().get(0).corruptFraction()).isEqualTo(0.01);
        assertThat(SpecParser.parse(SpecWriter.toDocument(mixed))).isEqualTo(mixed);
        // a generator's share and a scaled spec keep the mix
        assertThat(mixed.shareOf(1, 2).dataSources().get(0).corruptFraction()).isEqualTo(0.01);
        assertThat(mixed.withTotalRate(100).dataSources().get(0).corruptFraction()).isEqualTo(0.01);
        BenchmarkSpec clean = SpecParser.parse(CdcSpecTest.spec("market_data", ""));
        assertThat(clean.dataSources().get(0).corruptFraction()).isZero();
        assertThat(SpecWriter.toDocument(clean).toString()).doesNotContain("corrupt_fraction");
    }

    @Test
    void aFractionOutOfRangeOrOnACdcSourceIsNamed() {
        assertThatThrownBy(() -> SpecParser.parse(CdcSpecTest.spec("log_event", "      corrupt_fraction: 0.6")))
                .hasMessageContaining("spec.data_sources[0].corrupt_fraction: must be between 0 and 0.5 (got 0.6)");
        assertThatThrownBy(() -> SpecParser.parse(CdcSpecTest.spec("log_event", "      corrupt_fraction: -0.1")))
                .hasMessageContaining("spec.data_sources[0].corrupt_fraction");
        assertThatThrownBy(() -> SpecParser.parse(CdcSpecTest.spec("cdc", "      corrupt_fraction: 0.01")))
                .hasMessageContaining("spec.data_sources[0].corrupt_fraction: does not apply to a cdc source");
    }

    @Test
    void theSinkStageChoosesTheProcessingGuaranteeAndReadsBackAsWritten() throws InvalidSpecException {
        String withStages = CdcSpecTest.spec("market_data", "  processing_stages:\n    - {name: store, type: sink, config: {processing_guarantee: exactly_once_v2}}");
        BenchmarkSpec exactlyOnce = SpecParser.parse(withStages);
        assertThat(exactlyOnce.topology().guarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
        assertThat(SpecParser.parse(SpecWriter.toDocument(exactlyOnce))).isEqualTo(exactlyOnce);
        assertThat(SpecParser.parse(CdcSpecTest.spec("market_data", "")).topology().guarantee()).isEqualTo(ProcessingGuarantee.AT_LEAST_ONCE);
        assertThatThrownBy(() -> SpecParser.parse(withStages.replace("exactly_once_v2", "exactly_once")))
                .hasMessageContaining("processing_guarantee: unknown guarantee 'exactly_once' (expected one of at_least_once, exactly_once_v2)");
    }
}
