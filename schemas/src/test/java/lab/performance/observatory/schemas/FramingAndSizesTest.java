package lab.performance.observatory.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;
import lab.performance.observatory.core.spec.DataType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class FramingAndSizesTest {

    @Test
    void headerCarriesTheFingerprintLittleEndian() throws Exception {
        byte[] value = new byte[12];
        SingleObjectFraming.writeHeader(value, 0, 0x0102030405060708L);
        assertThat(value).startsWith((byte) 0xC3, (byte) 0x01, (byte) 0x08, (byte) 0x07, (byte) 0x06, (byte) 0x05,
                (byte) 0x04, (byte) 0x03, (byte) 0x02, (byte) 0x01);
        assertThat(SingleObjectFraming.readFingerprint(value)).isEqualTo(0x0102030405060708L);
    }

    @Test
    void encodedEventsMatchAvrosOwnSingleObjectEncoding() throws Exception {
        byte[] ours = new EventEncoder(DataType.MARKET_DATA).encode(Events.market());
        byte[] avros = Events.market().toByteBuffer().array();
        assertThat(ours).isEqualTo(avros);
    }

    @Test
    void catalogueHoldsEveryVersionWithDistinctFingerprints() {
        Set<Long> seen = new HashSet<>();
        for (DataType type : DataType.values()) {
            for (int version = type.firstSchemaVersion(); version <= EventSchemas.CURRENT_VERSION; version++) {
                WriterSchema writer = EventSchemas.version(type, version);
                assertThat(writer.dataType()).isEqualTo(type);
                assertThat(writer.version()).isEqualTo(version);
                assertThat(writer.fingerprint()).isEqualTo(SchemaNormalization.parsingFingerprint64(writer.schema()));
                assertThat(EventSchemas.byFingerprint(writer.fingerprint())).contains(writer);
                assertThat(EventSchemas.identify(new org.apache.avro.Schema.Parser().parse(writer.schema().toString()))).contains(writer);
                seen.add(writer.fingerprint());
            }
            if (type.firstSchemaVersion() == EventSchemas.CURRENT_VERSION) {
                continue; // one version so far
            }
            // each version only adds a field at the end, with a default
            var v1 = EventSchemas.version(type, 1).schema().getFields();
            var v2 = EventSchemas.current(type).schema().getFields();
            assertThat(v2).hasSize(v1.size() + 1);
            for (int i = 0; i < v1.size(); i++) {
                assertThat(v2.get(i).name()).isEqualTo(v1.get(i).name());
            }
            assertThat(v2.get(v1.size()).hasDefaultValue()).isTrue();
        }
        assertThat(seen).hasSize(java.util.Arrays.stream(DataType.values()).mapToInt(t -> EventSchemas.CURRENT_VERSION - t.firstSchemaVersion() + 1).sum());
        assertThatThrownBy(() -> EventSchemas.version(DataType.CDC, 1)).hasMessage("cdc has versions 2 to 2, not 1");
        assertThat(EventSchemas.byFingerprint(42)).isEmpty();
        assertThat(EventSchemas.identify(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING))).isEmpty();
    }

    @Test
    void registryHeaderCarriesTheIdBigEndian() throws Exception {
        byte[] header = ConfluentFraming.header(0x01020304);
        assertThat(header).containsExactly(0, 1, 2, 3, 4);
        assertThat(ConfluentFraming.readSchemaId(header)).isEqualTo(0x01020304);
    }

    @Test
    void varintSizesAgreeWithAvrosEncoder() throws Exception {
        long[] values = {0, 1, -1, 63, 64, -64, -65, 8191, 8192, 1L << 20, -(1L << 20), 1_795_774_530_123_456L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : values) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            encoder.writeLong(v);
            encoder.flush();
            assertThat(AvroBinarySizes.longSize(v)).as("%d", v).isEqualTo(out.size());
        }
        assertThat(AvroBinarySizes.bytesSize(0)).isEqualTo(1);
        assertThat(AvroBinarySizes.bytesSize(63)).isEqualTo(64);
        assertThat(AvroBinarySizes.bytesSize(64)).isEqualTo(66);
    }
}
