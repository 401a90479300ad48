package lab.performance.observatory.schemas.zerocopy;

import java.nio.ByteBuffer;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.schemas.MalformedEventException;

/**
 * A flyweight over one encoded record: fields are parsed in order only as far as an accessor needs
 * (Avro binary has no offsets, so reading field 2 means stepping over fields 0 and 1), nothing is
 * copied, and the view is re-pointed at the next record instead of allocating a new one.
 * Fields a writer version does not have read as their defaults.
 */
public abstract class RecordView {

    final AvroCursor cursor = new AvroCursor();
    private int fieldCount;
    private int parsed;

    public abstract DataType dataType();

    /** How many fields each bundled writer version has, by version (index 0 unused). */
    abstract int fieldsOf(int version);

    abstract void readField(int index, AvroCursor in) throws MalformedEventException;

    /** Resets the fields only later versions have to their defaults. */
    abstract void clearOptionalFields();

    final void point(byte[] value, int bodyOffset, int version) {
        cursor.reset(value, bodyOffset, value.length);
        start(version);
    }

    final void point(ByteBuffer body, int version) {
        cursor.reset(body);
        start(version);
    }

    private void start(int version) {
        if (version < 1 || version >= fieldCounts()) {
            throw new IllegalArgumentException(dataType().wireName() + " has no bundled version " + version);
        }
        fieldCount = fieldsOf(version);
        parsed = 0;
        clearOptionalFields();
    }

    abstract int fieldCounts();

    /** Parses up to and including {@code field}, if this writer version has it. */
    final void ensure(int field) throws MalformedEventException {
        while (parsed <= field && parsed < fieldCount) {
            readField(parsed, cursor);
            parsed++;
        }
    }

    final boolean has(int field) {
        return field < fieldCount;
    }

    /** Steps over every field and checks that the record ends exactly where the value does. */
    public final void validate() throws MalformedEventException {
        ensure(fieldCount - 1);
        if (!cursor.atEnd()) {
            throw new MalformedEventException(MalformedEventException.Reason.TRAILING_BYTES,
                    cursor.remaining() + " bytes left after a complete " + dataType().wireName());
        }
    }
}
