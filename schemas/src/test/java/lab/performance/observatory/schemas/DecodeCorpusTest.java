package lab.performance.observatory.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.schemas.CorruptRecords.Corruption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fixed-seed fuzz corpus (docs/reliability.md): 100,000 records made from random valid events
 * of every type, schema version and framing by bit flips, byte overwrites, insertions, deletions,
 * splices, runaway varints and every class of {@link CorruptRecords}. Each goes through every
 * strategy through {@link EveryStrategy}: it decodes or it is rejected with
 * {@link MalformedEventException}, nothing else escapes, and the strategies agree on which, and
 * on the fields of what decodes. {@link DecodeFuzzTest} searches beyond it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DecodeCorpusTest {

    static final int RECORDS = 100_000;
    static final long SEED = 20261203L;
    static final int POOL = 4_000;

    enum Mutation { BIT_FLIPS, OVERWRITE, INSERT, DELETE, SPLICE, DUPLICATE, RUNAWAY_VARINT, CORRUPT_CLASS }

    final Random random = new Random(SEED);
    final RandomEvents events = new RandomEvents(SEED);
    final CorruptRecords corrupt = new CorruptRecords(new Random(SEED + 1));
    final EveryStrategy everyStrategy = new EveryStrategy();
    final List<byte[]> pool = new ArrayList<>();

    @Test
    void everyRecordIsDecodedOrRejectedWithTheTypedExceptionAndEveryStrategyAgrees() {
        Map<Mutation, int[]> outcomes = new EnumMap<>(Mutation.class); // [decoded, rejected]
        byte[] previous = validRecord();
        for (int i = 0; i < RECORDS; i++) {
            byte[] valid = validRecord();
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            byte[] record = mutate(mutation, valid, previous);
            previous = valid;
            boolean decoded = everyStrategy.decodes(record, "record " + i + " (" + mutation + ")");
            outcomes.computeIfAbsent(mutation, m -> new int[2])[decoded ? 0 : 1]++;
        }
        int rejected = outcomes.values().stream().mapToInt(o -> o[1]).sum();
        StringBuilder summary = new StringBuilder("decode corpus: " + RECORDS + " records, " + rejected + " rejected by every strategy;");
        outcomes.forEach((m, o) -> summary.append(' ').append(m).append(' ').append(o[0]).append('/').append(o[0] + o[1]).append(" decoded"));
        System.out.println(summary.append("; block count -2^63: ").append(everyStrategy.invalidBlockCounts()));
        // the corpus must exercise both outcomes of every mutation that can keep a record readable
        assertThat(rejected).isGreaterThan(RECORDS / 2);
        assertThat(outcomes.get(Mutation.BIT_FLIPS)[0]).as("bit flips that still decode").isPositive();
        assertThat(outcomes.get(Mutation.CORRUPT_CLASS)[1]).isPositive();
        assertThat(everyStrategy.invalidBlockCounts()).as("records with a block count of -2^63").isLessThan(RECORDS / 1000);
    }

    /** A valid record from a pool of {@link #POOL} made once: mutating is cheap, making random events is not. */
    private byte[] validRecord() {
        if (pool.size() < POOL) {
            pool.add(newValidRecord());
            return pool.get(pool.size() - 1);
        }
        return pool.get(random.nextInt(POOL));
    }

    private byte[] newValidRecord() {
        DataType type = DataType.values()[random.nextInt(DataType.values().length)];
        int version = type.firstSchemaVersion() + random.nextInt(EventSchemas.CURRENT_VERSION - type.firstSchemaVersion() + 1);
        WriterSchema writer = EventSchemas.version(type, version);
        byte[] header = random.nextBoolean() ? SingleObjectFraming.header(writer.fingerprint())
                : ConfluentFraming.header(StrategiesAgreeTest.id(type, version));
        return new EventEncoder(writer, header).encode(events.next(type));
    }

    private byte[] mutate(Mutation mutation, byte[] valid, byte[] other) {
        switch (mutation) {
            case BIT_FLIPS -> {
                byte[] out = valid.clone();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return out;
            }
            case OVERWRITE -> {
                byte[] out = valid.clone();
                byte[] interesting = {0, (byte) 0xFF, (byte) 0x80, 0x7F, 0x01, (byte) 0xC3};
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    out[random.nextInt(out.length)] = interesting[random.nextInt(interesting.length)];
                }
                return out;
            }
            case INSERT -> {
                byte[] inserted = new byte[1 + random.nextInt(16)];
                random.nextBytes(inserted);
                return splice(valid, random.nextInt(valid.length + 1), 0, inserted);
            }
            case DELETE -> {
                int at = random.nextInt(valid.length);
                return splice(valid, at, 1 + random.nextInt(Math.min(16, valid.length - at)), new byte[0]);
            }
            case SPLICE -> {
                int cut = random.nextInt(valid.length + 1);
                int from = random.nextInt(other.length + 1);
                byte[] out = Arrays.copyOf(valid, cut + other.length - from);
                System.arraycopy(other, from, out, cut, other.length - from);
                return out;
            }
            case DUPLICATE -> {
                int at = random.nextInt(valid.length);
                byte[] range = Arrays.copyOfRange(valid, at, Math.min(valid.length, at + 1 + random.nextInt(24)));
                return splice(valid, at, 0, range);
            }
            case RUNAWAY_VARINT -> {
                byte[] varint = new byte[6 + random.nextInt(6)];
                Arrays.fill(varint, (byte) 0xFF);
                varint[varint.length - 1] = (byte) random.nextInt(128);
                int at = WriterSchemaResolver.bodyOffset(valid) + random.nextInt(Math.max(1, valid.length - WriterSchemaResolver.bodyOffset(valid)));
                return splice(valid, Math.min(at, valid.length), random.nextInt(3), varint);
            }
            case CORRUPT_CLASS -> {
                DataType type = DataType.values()[random.nextInt(DataType.values().length)];
                return corrupt.corrupt(Corruption.values()[random.nextInt(Corruption.values().length)], type, valid);
            }
        }
        throw new IllegalStateException(mutation.toString());
    }

    private static byte[] splice(byte[] value, int at, int remove, byte[] insert) {
        int removed = Math.min(remove, value.length - at);
        byte[] out = new byte[value.length - removed + insert.length];
        System.arraycopy(value, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(value, at + removed, out, at + insert.length, value.length - at - removed);
        return out;
    }
}
