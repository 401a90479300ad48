package lab.performance.observatory.schemas.zerocopy;

import java.nio.ByteBuffer;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.events.ChangeOperation;
import lab.performance.observatory.schemas.MalformedEventException;

/**
 * {@code RowChange} in place (docs/cdc.md). v2, the first: timestamp, op, table, row_id,
 * commit_timestamp, lsn, row.
 */
public final class RowChangeView extends RecordView {

    /** Fields by version: there is no v1 of this type. */
    private static final int[] FIELDS = {0, 0, 7};
    private static final ChangeOperation[] OPERATIONS = ChangeOperation.values();

    private final Utf8Slice table = new Utf8Slice();
    private final ByteSlice row = new ByteSlice();
    private long timestamp;
    private int op;
    private long rowId;
    private long commitTimestamp;
    private long lsn;

    public RowChangeView wrap(byte[] value, int bodyOffset, int version) {
        point(value, bodyOffset, version);
        return this;
    }

    public RowChangeView wrap(ByteBuffer body, int version) {
        point(body, version);
        return this;
    }

    @Override
    public DataType dataType() {
        return DataType.CDC;
    }

    @Override
    int fieldsOf(int version) {
        if (FIELDS[version] == 0) {
            throw new IllegalArgumentException("cdc has no bundled version " + version);
        }
        return FIELDS[version];
    }

    @Override
    int fieldCounts() {
        return FIELDS.length;
    }

    @Override
    void clearOptionalFields() {
        // every field is in the first version
    }

    @Override
    void readField(int index, AvroCursor in) throws MalformedEventException {
        switch (index) {
            case 0 -> timestamp = in.readLong();
            case 1 -> op = in.readIndex(OPERATIONS.length, "op");
            case 2 -> in.readSlice(table, "table");
            case 3 -> rowId = in.readLong();
            case 4 -> commitTimestamp = in.readLong();
            case 5 -> lsn = in.readLong();
            case 6 -> in.readSlice(row, "row");
            default -> throw new IllegalStateException("row change has no field " + index);
        }
    }

    /** The change's intended time, epoch microseconds. */
    public long timestampMicros() throws MalformedEventException {
        ensure(0);
        return timestamp;
    }

    public ChangeOperation op() throws MalformedEventException {
        ensure(1);
        return OPERATIONS[op];
    }

    public Utf8Slice table() throws MalformedEventException {
        ensure(2);
        return table;
    }

    public long rowId() throws MalformedEventException {
        ensure(3);
        return rowId;
    }

    /** When its transaction committed, epoch microseconds. */
    public long commitTimestampMicros() throws MalformedEventException {
        ensure(4);
        return commitTimestamp;
    }

    public long lsn() throws MalformedEventException {
        ensure(5);
        return lsn;
    }

    /** The row's payload after the change (empty for a delete), in place. */
    public ByteSlice row() throws MalformedEventException {
        ensure(6);
        return row;
    }
}
