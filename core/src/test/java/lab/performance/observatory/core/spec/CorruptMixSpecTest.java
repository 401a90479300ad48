package lab.performance.observatory.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CorruptMixSpecTest {

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
}
