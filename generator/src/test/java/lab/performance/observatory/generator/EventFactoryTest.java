package lab.performance.observatory.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.KeyDistribution;
import lab.performance.observatory.core.spec.PatternSpec;
import lab.performance.observatory.core.spec.SizeDistribution;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.schemas.ConfluentFraming;
import lab.performance.observatory.schemas.EventDecoder;
import lab.performance.observatory.schemas.EventSchemas;
import lab.performance.observatory.schemas.SingleObjectFraming;
import lab.performance.observatory.schemas.EventFields;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventFactoryTest {

    static DataSourceSpec source(DataType type, int min, int max, int cardinality) {
        return source(type, min, max, new KeyDistribution(KeyDistribution.Kind.SEQUENTIAL, cardinality, 1));
    }

    static DataSourceSpec source(DataType type, int min, int max, KeyDistribution keys) {
        return new DataSourceSpec("s", type, 100, new PatternSpec.Steady(), null,
                new SizeDistribution(min, max, SizeDistribution.Shape.UNIFORM), keys, lab.performance.observatory.core.spec.DataType.LATEST_SCHEMA_VERSION,
                lab.performance.observatory.core.spec.Framing.AUTO, INSERTS_ONLY.apply(type));
    }

    /** A cdc source that only inserts: every change carries a row, so every size is hit (deletes carry none). */
    static final java.util.function.Function<DataType, lab.performance.observatory.core.spec.ChangeMix> INSERTS_ONLY =
            type -> type == DataType.CDC ? new lab.performance.observatory.core.spec.ChangeMix(1, 0, 0) : null;

    /** Exact, or one byte under where a length prefix would grow past the target. */
    static void assertSize(EventFactory.Event event) {
        assertThat(event.value.length).as("target %d", event.targetBytes).isBetween(event.targetBytes - 1, event.targetBytes);
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void everyTargetFromTheMinimumUpIsHitForEveryVersionAndFraming(DataType type) {
        for (int version = type.firstSchemaVersion(); version <= DataType.LATEST_SCHEMA_VERSION; version++) {
            byte[][] headers = {
                    SingleObjectFraming.header(EventSchemas.version(type, version).fingerprint()),
                    ConfluentFraming.header(123_456)};
            for (byte[] header : headers) {
                // the longest keys of the largest key space, so the minimum holds for any spec
                DataSourceSpec base = source(type, 1, 1, new KeyDistribution(KeyDistribution.Kind.UNIFORM, 10_000_000, 1));
                for (int target = type.minimumEventBytes(); target < type.minimumEventBytes() + 300; target++) {
                    DataSourceSpec source = new DataSourceSpec("s", type, 100, base.pattern(), null,
                            new SizeDistribution(target, target, SizeDistribution.Shape.UNIFORM), base.keyDistribution(), version,
                            lab.performance.observatory.core.spec.Framing.AUTO, base.changeMix());
                    EventFactory factory = EventFactory.of(source, target, header);
                    for (int i = 0; i < 4; i++) {
                        EventFactory.Event event = factory.next(1_795_000_000_000_000L);
                        assertSize(event);
                        assertThat(event.value.length).isGreaterThanOrEqualTo(type.minimumEventBytes());
                        assertThat(event.value).startsWith(header);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void largeEventsAreHitAndDecodeToTheirFields(DataType type) throws Exception {
        EventFactory factory = EventFactory.of(source(type, 1000, 100_000, 1000), 7);
        EventDecoder decoder = EventDecoder.create(DecodeStrategy.COPYING);
        EventFields fields = new EventFields();
        for (int i = 0; i < 200; i++) {
            long micros = 1_795_000_000_000_000L + i;
            EventFactory.Event event = factory.next(micros);
            assertSize(event);
            assertThat(event.targetBytes).isBetween(1000, 100_000);
            decoder.decode(event.value, fields);
            assertThat(fields.dataType()).isEqualTo(type);
            assertThat(fields.timestampMicros()).isEqualTo(micros);
        }
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void theSameSeedGivesTheSameEvents(DataType type) {
        EventFactory a = EventFactory.of(source(type, 100, 500, 50), 42);
        EventFactory b = EventFactory.of(source(type, 100, 500, 50), 42);
        for (int i = 0; i < 50; i++) {
            EventFactory.Event x = a.next(i);
            byte[] keyX = x.key;
            byte[] valueX = x.value;
            EventFactory.Event y = b.next(i);
            assertThat(y.key).isEqualTo(keyX);
            assertThat(y.value).isEqualTo(valueX);
        }
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void keysNameTheEntityOfTheirType(DataType type) {
        EventFactory factory = EventFactory.of(source(type, 200, 200, 20_000), 1);
        String first = new String(factory.next(0).key, StandardCharsets.UTF_8);
        String second = new String(factory.next(0).key, StandardCharsets.UTF_8);
        switch (type) {
            case MARKET_DATA -> assertThat(first + second).isEqualTo("AAAAAB");
            case IOT_SENSOR -> assertThat(first + " " + second).isEqualTo("dev-0 dev-1");
            case LOG_EVENT -> assertThat(first + " " + second).isEqualTo("svc-0 svc-1");
            case CDC -> assertThat(first + " " + second).as("row ids").isEqualTo("1 2");
        }
    }

    @org.junit.jupiter.api.Test
    void cdcChangesFollowTheMixTouchOnlyLiveRowsAndDeletesCarryNoRow() throws Exception {
        DataSourceSpec source = new DataSourceSpec("orders", DataType.CDC, 100, new PatternSpec.Steady(), null,
                new SizeDistribution(200, 200, SizeDistribution.Shape.UNIFORM), new KeyDistribution(KeyDistribution.Kind.SEQUENTIAL, 1, 1),
                DataType.LATEST_SCHEMA_VERSION, lab.performance.observatory.core.spec.Framing.AUTO,
                new lab.performance.observatory.core.spec.ChangeMix(0.5, 0.3, 0.2));
        EventFactory factory = EventFactory.of(source, 3);
        lab.performance.observatory.schemas.zerocopy.RowChangeView view = new lab.performance.observatory.schemas.zerocopy.RowChangeView();
        java.util.Set<Long> live = new java.util.HashSet<>();
        java.util.Map<String, Integer> ops = new java.util.TreeMap<>();
        for (int i = 0; i < 5_000; i++) {
            EventFactory.Event event = factory.next(1_795_000_000_000_000L + i);
            view.wrap(event.value, SingleObjectFraming.HEADER_LENGTH, 2).validate();
            long row = view.rowId();
            assertThat(new String(event.key, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(row));
            assertThat(view.table().toString()).isEqualTo("orders");
            ops.merge(view.op().name(), 1, Integer::sum);
            switch (view.op()) {
                case INSERT -> {
                    assertThat(live.add(row)).isTrue();
                    assertSize(event);
                }
                case UPDATE -> {
                    assertThat(live).contains(row);
                    assertSize(event);
                }
                case DELETE -> {
                    assertThat(live.remove(row)).isTrue();
                    assertThat(view.row().length()).isZero();
                }
            }
        }
        assertThat(ops.keySet()).containsExactly("DELETE", "INSERT", "UPDATE");
    }

    @org.junit.jupiter.api.Test
    void lengthFittingIsTheLargestFieldThatFits() {
        assertThat(EventFactory.lengthFitting(0)).isEqualTo(-1);
        assertThat(EventFactory.lengthFitting(1)).isZero();
        assertThat(EventFactory.lengthFitting(64)).isEqualTo(63);
        assertThat(EventFactory.lengthFitting(65)).isEqualTo(63); // 64 bytes need a 2-byte prefix: 66
        assertThat(EventFactory.lengthFitting(66)).isEqualTo(64);
        assertThat(EventFactory.lengthFitting(100_002)).isEqualTo(99_999);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"MARKET_DATA", "IOT_SENSOR", "LOG_EVENT"})
    void aCorruptMixReplacesItsShareWithRecordsEveryDecoderRejectsAndLeavesTheRestAsTheyWere(DataType type) throws Exception {
        DataSourceSpec clean = source(type, 100, 500, 50);
        DataSourceSpec mixed = new DataSourceSpec(clean.name(), type, clean.generationRate(), clean.pattern(), null, clean.sizeDistribution(),
                clean.keyDistribution(), clean.schemaVersion(), clean.framing(), null, 0.05);
        EventFactory withMix = EventFactory.of(mixed, 42);
        EventFactory without = EventFactory.of(clean, 42);
        lab.performance.observatory.schemas.EventDecoder decoder =
                lab.performance.observatory.schemas.EventDecoder.create(lab.performance.observatory.core.spec.DecodeStrategy.ZERO_COPY);
        lab.performance.observatory.schemas.EventFields fields = new lab.performance.observatory.schemas.EventFields();
        int corrupt = 0;
        int events = 20_000;
        for (int i = 0; i < events; i++) {
            EventFactory.Event expected = without.next(i);
            byte[] value = expected.value.clone();
            EventFactory.Event e = withMix.next(i);
            if (!e.corrupt) {
                assertThat(e.value).as("event %d", i).isEqualTo(value);
                continue;
            }
            corrupt++;
            boolean rejected;
            try {
                decoder.decode(e.value, fields);
                rejected = fields.dataType() != type; // the wrong-type class decodes, as another type
            } catch (lab.performance.observatory.schemas.MalformedEventException malformed) {
                rejected = true;
            }
            assertThat(rejected).as("corrupt record %d", i).isTrue();
        }
        // 5 % of 20,000 is 1,000; the binomial's standard deviation is about 31
        assertThat(corrupt).isBetween(850, 1150);
    }
}
