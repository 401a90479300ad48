package lab.performance.observatory.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.schemas.registry.StaticSchemaIds;
import lab.performance.observatory.schemas.zerocopy.RecordView;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Property test: thousands of random events of every type, written as every schema version behind
 * both framings, read to identical field values by every strategy.
 */
class StrategiesAgreeTest {

    static final int EVENTS = 700;
    static final Map<Integer, Schema> IDS = new HashMap<>();

    static {
        for (DataType type : DataType.values()) {
            for (int version = type.firstSchemaVersion(); version <= EventSchemas.CURRENT_VERSION; version++) {
                IDS.put(id(type, version), EventSchemas.version(type, version).schema());
            }
        }
    }

    static int id(DataType type, int version) {
        return 100 + type.ordinal() * 10 + version;
    }

    final WriterSchemaResolver resolver = new WriterSchemaResolver(new StaticSchemaIds(IDS));
    final CopyingEventDecoder copying = (CopyingEventDecoder) EventDecoder.create(DecodeStrategy.COPYING, resolver);
    final GenericEventDecoder generic = (GenericEventDecoder) EventDecoder.create(DecodeStrategy.GENERIC, resolver);
    final ZeroCopyEventDecoder zeroCopy = (ZeroCopyEventDecoder) EventDecoder.create(DecodeStrategy.ZERO_COPY, resolver);

    @ParameterizedTest
    @EnumSource(DataType.class)
    void everyStrategyReadsEveryVersionAndFramingTheSame(DataType type) throws Exception {
        RandomEvents random = new RandomEvents(type.ordinal() * 7919L);
        EventFields viaCopying = new EventFields();
        EventFields viaGeneric = new EventFields();
        EventFields viaZeroCopy = new EventFields();
        for (int version = type.firstSchemaVersion(); version <= EventSchemas.CURRENT_VERSION; version++) {
            WriterSchema writer = EventSchemas.version(type, version);
            EventEncoder singleObject = new EventEncoder(writer, SingleObjectFraming.header(writer.fingerprint()));
            EventEncoder registry = new EventEncoder(writer, ConfluentFraming.header(id(type, version)));
            for (int i = 0; i < EVENTS; i++) {
                SpecificRecordBase event = random.next(type);
                Map<String, Object> expected = Canonical.asWrittenBy(event, version, type);
                for (byte[] value : new byte[][] {singleObject.encode(event), registry.encode(event)}) {
                    String where = type + " v" + version + " framing 0x" + Integer.toHexString(value[0] & 0xFF) + " event " + i;
                    assertThat(Canonical.of(copying.read(value))).as("copying, %s", where).isEqualTo(expected);
                    assertThat(Canonical.of(generic.read(value))).as("generic, %s", where).isEqualTo(expected);
                    RecordView view = zeroCopy.view(value);
                    assertThat(Canonical.of(view)).as("zero-copy, %s", where).isEqualTo(expected);

                    copying.decode(value, viaCopying);
                    generic.decode(value, viaGeneric);
                    zeroCopy.decode(value, viaZeroCopy);
                    for (EventFields f : new EventFields[] {viaGeneric, viaZeroCopy}) {
                        assertThat(f.dataType()).isEqualTo(viaCopying.dataType()).isEqualTo(type);
                        assertThat(f.timestampMicros()).isEqualTo(viaCopying.timestampMicros());
                        assertThat(Double.compare(f.measure(), viaCopying.measure())).as(where).isZero();
                    }
                    // both Avro readers materialise the same strings, bytes and collections (hand counts: CopiedBytesTest)
                    assertThat(viaGeneric.copiedBytes()).as(where).isEqualTo(viaCopying.copiedBytes());
                    assertThat(viaCopying.copiedBytes()).as(where).isBetween(0, viaCopying.payloadBytes());
                    assertThat(viaZeroCopy.copiedBytes()).isZero();
                    assertThat(viaZeroCopy.payloadBytes()).isEqualTo(viaCopying.payloadBytes())
                            .isEqualTo(value.length - WriterSchemaResolver.bodyOffset(value));
                    assertThat(viaZeroCopy.fallback()).isFalse();
                }
            }
        }
        assertThat(zeroCopy.fallbacks()).isZero();
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void viewsReadDirectBuffersToo(DataType type) throws Exception {
        RandomEvents random = new RandomEvents(42 + type.ordinal());
        WriterSchema writer = EventSchemas.current(type);
        EventEncoder encoder = new EventEncoder(writer, SingleObjectFraming.header(writer.fingerprint()));
        for (int i = 0; i < 200; i++) {
            SpecificRecordBase event = random.next(type);
            byte[] value = encoder.encode(event);
            ByteBuffer direct = ByteBuffer.allocateDirect(value.length + 7);
            direct.position(7);
            direct.put(value, 0, value.length);
            direct.position(7 + SingleObjectFraming.HEADER_LENGTH);
            RecordView view = switch (type) {
                case MARKET_DATA -> new lab.performance.observatory.schemas.zerocopy.MarketDataView().wrap(direct.slice(), writer.version());
                case IOT_SENSOR -> new lab.performance.observatory.schemas.zerocopy.IotSensorView().wrap(direct.slice(), writer.version());
                case LOG_EVENT -> new lab.performance.observatory.schemas.zerocopy.LogEventView().wrap(direct.slice(), writer.version());
                case CDC -> new lab.performance.observatory.schemas.zerocopy.RowChangeView().wrap(direct.slice(), writer.version());
            };
            assertThat(Canonical.of(view)).isEqualTo(Canonical.of(event));
        }
    }
}
