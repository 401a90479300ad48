package lab.performance.observatory.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.HexFormat;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.schemas.registry.StaticSchemaIds;

/**
 * Every decode strategy side by side, each with its own resolver (every schema version registered
 * under {@link StrategiesAgreeTest#id}), and the property the fuzz corpus and the fuzzer check: a
 * record decodes or is rejected with {@link MalformedEventException}, nothing else escapes, and
 * every strategy agrees on which and on the fields read.
 */
final class EveryStrategy {

    private final EventDecoder[] decoders = new EventDecoder[DecodeStrategy.values().length];
    private final EventFields[] fields = new EventFields[DecodeStrategy.values().length];
    private int invalidBlockCounts;

    EveryStrategy() {
        for (DecodeStrategy strategy : DecodeStrategy.values()) {
            decoders[strategy.ordinal()] = EventDecoder.create(strategy, new WriterSchemaResolver(new StaticSchemaIds(StrategiesAgreeTest.IDS)));
            fields[strategy.ordinal()] = new EventFields();
        }
    }

    /** Records the Avro-based strategies and the zero-copy one may disagree on; see {@link #decodes}. */
    int invalidBlockCounts() {
        return invalidBlockCounts;
    }

    /** True if every strategy decoded the record to the same fields, false if every one rejected it; fails otherwise. */
    boolean decodes(byte[] record, String what) {
        String[] rejected = new String[decoders.length];
        for (int s = 0; s < decoders.length; s++) {
            try {
                decoders[s].decode(record, fields[s]);
            } catch (MalformedEventException e) {
                rejected[s] = e.describe();
                assertThat(rejected[s]).isNotBlank();
            } catch (RuntimeException | Error e) {
                throw new AssertionError(e + " escaped " + decoders[s].strategy() + " on " + what + ": " + HexFormat.of().formatHex(record), e);
            }
        }
        int zeroCopy = DecodeStrategy.ZERO_COPY.ordinal();
        if (rejected[zeroCopy] != null && rejected[zeroCopy].endsWith("has an invalid block count")) {
            // Avro's reader is of two minds about a block count of -2^63 (a negative count whose
            // magnitude does not fit a long): resolving an older writer's schema it reads an empty
            // collection, otherwise it rejects it. The zero-copy reader always rejects it.
            invalidBlockCounts++;
            return false;
        }
        for (int s = 1; s < decoders.length; s++) {
            if ((rejected[s] == null) != (rejected[0] == null)) {
                fail("%s: %s says %s, %s says %s: %s", what, decoders[0].strategy(), outcome(rejected[0]),
                        decoders[s].strategy(), outcome(rejected[s]), HexFormat.of().formatHex(record));
            }
            if (rejected[s] == null) {
                EventFields a = fields[0];
                EventFields b = fields[s];
                assertThat(b.dataType()).as("%s: type", what).isEqualTo(a.dataType());
                assertThat(b.timestampMicros()).as("%s: timestamp", what).isEqualTo(a.timestampMicros());
                assertThat(Double.compare(b.measure(), a.measure())).as("%s: measure %s vs %s", what, b.measure(), a.measure()).isZero();
                assertThat(b.payloadBytes()).as("%s: payload bytes", what).isEqualTo(a.payloadBytes());
            }
        }
        return rejected[0] == null;
    }

    private static String outcome(String rejected) {
        return rejected == null ? "decoded" : "rejected (" + rejected + ")";
    }
}
