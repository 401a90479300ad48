package lab.performance.observatory.schemas.zerocopy;

import lab.performance.observatory.schemas.MalformedEventException;

/** An {@code array<double>} field read lazily where it lies; walked once to be skipped, read on demand. */
public final class DoubleArrayView {

    private final AvroCursor walker = new AvroCursor();
    private AvroCursor source;
    private int start;
    private int firstItem = -1; // position of item 0 when the array is one block
    private int size;

    /** Moves {@code cursor} past the array, remembering where it is. */
    void skip(AvroCursor cursor, String what) throws MalformedEventException {
        source = cursor;
        start = cursor.position();
        size = 0;
        firstItem = -1;
        int blocks = 0;
        for (long count = cursor.readBlockCount(what); count != 0; count = cursor.readBlockCount(what)) {
            if (blocks++ == 0) {
                firstItem = cursor.position();
            }
            if (count > (Integer.MAX_VALUE - size) || count * 8 > cursor.remaining()) {
                throw new MalformedEventException(MalformedEventException.Reason.TRUNCATED,
                        what + " claims " + count + " doubles, " + cursor.remaining() + " bytes left");
            }
            cursor.skip((int) count * 8, what);
            size += (int) count;
        }
        if (blocks > 1) {
            firstItem = -1;
        }
    }

    public int size() {
        return size;
    }

    public double get(int index) throws MalformedEventException {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        if (firstItem >= 0) {
            walker.resetTo(source, firstItem + 8 * index);
            return walker.readDouble();
        }
        walker.resetTo(source, start);
        int remaining = index;
        while (true) {
            int count = (int) walker.readBlockCount("array");
            if (remaining < count) {
                walker.skip(remaining * 8, "array");
                return walker.readDouble();
            }
            walker.skip(count * 8, "array");
            remaining -= count;
        }
    }

    /** The sum of all items: reads every one, allocates nothing. */
    public double sum() throws MalformedEventException {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += get(i);
        }
        return sum;
    }
}
