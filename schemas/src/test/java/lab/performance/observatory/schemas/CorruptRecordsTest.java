package lab.performance.observatory.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.schemas.CorruptRecords.Corruption;
import lab.performance.observatory.schemas.registry.StaticSchemaIds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every class of corrupt record, made from every type in both framings, is rejected by every strategy with one of its reasons. */
class CorruptRecordsTest {

    static final int REGISTERED_ID = 11;

    @ParameterizedTest
    @EnumSource(Corruption.class)
    void everyStrategyRejectsEveryRecordOfTheClassWithItsReason(Corruption corruption) {
        CorruptRecords corrupt = new CorruptRecords(new Random(corruption.ordinal()));
        RandomEvents events = new RandomEvents(31L * corruption.ordinal());
        for (DataType type : DataType.values()) {
            WriterSchemaResolver resolver = new WriterSchemaResolver(new StaticSchemaIds(Map.of(REGISTERED_ID, EventSchemas.current(type).schema())));
            EventEncoder singleObject = new EventEncoder(type);
            EventEncoder registry = new EventEncoder(EventSchemas.current(type), ConfluentFraming.header(REGISTERED_ID));
            for (int i = 0; i < 300; i++) {
                var event = events.next(type);
                byte[] valid = (i % 2 == 0 ? singleObject : registry).encode(event);
                byte[] record = corrupt.corrupt(corruption, type, valid);
                for (DecodeStrategy strategy : DecodeStrategy.values()) {
                    String reason = reasonFor(EventDecoder.create(strategy, resolver), record, type);
                    assertThat(reason).as("%s of %s, %s, record %d", corruption, type, strategy, i).isNotNull();
                    assertThat(corruption.rejectedAs().stream().map(MalformedEventException.Reason::code))
                            .as("%s of %s, %s: %s", corruption, type, strategy, reason).contains(reason.substring(0, reason.indexOf(':')));
                }
            }
        }
    }

    /** What the topology decides for a record on a topic of {@code declared}: null if accepted, otherwise the reason. */
    static String reasonFor(EventDecoder decoder, byte[] record, DataType declared) {
        EventFields fields = new EventFields();
        try {
            decoder.decode(record, fields);
        } catch (MalformedEventException e) {
            return e.describe();
        }
        return fields.dataType() == declared ? null : MalformedEventException.Reason.WRONG_TYPE.code() + ": " + fields.dataType();
    }
}
