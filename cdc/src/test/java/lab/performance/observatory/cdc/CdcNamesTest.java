package lab.performance.observatory.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CdcNamesTest {

    @Test
    void aRunIdBecomesASlotNameOfTheCharactersPostgresAllows() {
        CdcNames names = CdcNames.of("Orders-CDC-20261203T101500-3fa2");
        assertThat(names.slot()).isEqualTo("obs_cdc_orders_cdc_20261203t101500_3fa2");
        assertThat(names.publication()).isEqualTo(names.slot());
        assertThat(names.slot()).matches("[a-z0-9_]{1,63}");
        assertThat(CdcNames.ours(names.slot())).isTrue();
        assertThat(CdcNames.ours("debezium")).isFalse();
        assertThat(CdcNames.ours(null)).isFalse();
    }

    @Test
    void longRunIdsKeepTheirStartAndAChecksumSoTwoNeverShareASlot() {
        String base = "a-very-long-benchmark-name-that-goes-on-and-on-20261203T101500-";
        CdcNames one = CdcNames.of(base + "3fa2");
        CdcNames two = CdcNames.of(base + "3fa3");
        assertThat(one.slot()).hasSize(CdcNames.MAX_NAME).startsWith("obs_cdc_a_very_long").matches("[a-z0-9_]+");
        assertThat(one.slot()).isNotEqualTo(two.slot());
        assertThat(CdcNames.of(base + "3fa2")).isEqualTo(one);
    }
}
