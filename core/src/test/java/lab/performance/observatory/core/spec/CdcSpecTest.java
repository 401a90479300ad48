package lab.performance.observatory.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CdcSpecTest {

    static String spec(String type, String extra) {
        return """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: changes}
                spec:
                  duration_seconds: 30
                  data_sources:
                    - name: orders
                      data_type: %s
                      generation_rate: 500
                %s
                """.formatted(type, extra);
    }

    @Test
    void aCdcSourceHasTheDefaultMixUnlessGivenOneAndReadsBackAsWritten() throws InvalidSpecException {
        DataSourceSpec plain = SpecParser.parse(spec("cdc", "")).dataSources().get(0);
        assertThat(plain.dataType()).isEqualTo(DataType.CDC);
        assertThat(plain.changeMix()).isEqualTo(ChangeMix.DEFAULT);
        assertThat(plain.schemaVersion()).isEqualTo(2);
        BenchmarkSpec mixed = SpecParser.parse(spec("cdc", "      change_mix: {insert: 0.5, update: 0.5}"));
        assertThat(mixed.dataSources().get(0).changeMix()).isEqualTo(new ChangeMix(0.5, 0.5, 0));
        assertThat(SpecParser.parse(SpecWriter.toDocument(mixed))).isEqualTo(mixed);
        assertThat(SpecParser.parse(spec("market_data", "")).dataSources().get(0).changeMix()).isNull();
    }

    @Test
    void whatDoesNotFitACdcSourceIsNamed() {
        assertThatThrownBy(() -> SpecParser.parse(spec("cdc", "      change_mix: {insert: 0.5, update: 0.3, delete: 0.3}")))
                .hasMessageContaining("spec.data_sources[0].change_mix: insert, update and delete must add up to 1 (got 1.1)");
        assertThatThrownBy(() -> SpecParser.parse(spec("cdc", "      change_mix: {insert: 1, upsert: 0}")))
                .hasMessageContaining("change_mix.upsert");
        assertThatThrownBy(() -> SpecParser.parse(spec("cdc", "      key_distribution: {type: zipf, cardinality: 10}")))
                .hasMessageContaining("spec.data_sources[0].key_distribution: does not apply to a cdc source");
        assertThatThrownBy(() -> SpecParser.parse(spec("log_event", "      change_mix: {insert: 1}")))
                .hasMessageContaining("spec.data_sources[0].change_mix: applies to cdc sources only");
        assertThatThrownBy(() -> SpecParser.parse(spec("cdc", "      schema_version: 1")))
                .hasMessageContaining("spec.data_sources[0].schema_version");
    }
}
