package lab.performance.observatory.schemas.zerocopy;

import lab.performance.observatory.schemas.MalformedEventException;

/** A {@code map<string>} field read lazily where it lies: entries walked on demand, keys compared byte-wise. */
public final class StringMapView {

    /** Receives each entry; the slices are reused for the next entry. */
    public interface EntryVisitor {
        void visit(Utf8Slice key, Utf8Slice value) throws MalformedEventException;
    }

    private final AvroCursor walker = new AvroCursor();
    private final Utf8Slice key = new Utf8Slice();
    private final Utf8Slice value = new Utf8Slice();
    private AvroCursor source;
    private int start;
    private int size;

    void skip(AvroCursor cursor, String what) throws MalformedEventException {
        source = cursor;
        start = cursor.position();
        size = 0;
        for (long count = cursor.readBlockCount(what); count != 0; count = cursor.readBlockCount(what)) {
            for (long i = 0; i < count; i++) {
                cursor.skip(cursor.readLength(what + " key"), what);
                cursor.skip(cursor.readLength(what + " value"), what);
            }
            size += (int) count;
        }
    }

    public int size() {
        return size;
    }

    public void forEach(EntryVisitor visitor) throws MalformedEventException {
        walker.resetTo(source, start);
        for (long count = walker.readBlockCount("map"); count != 0; count = walker.readBlockCount("map")) {
            for (long i = 0; i < count; i++) {
                walker.readSlice(key, "map key");
                walker.readSlice(value, "map value");
                visitor.visit(key, value);
            }
        }
    }

    /** The value of {@code utf8Key}, or null; the returned slice is reused by the next call. */
    public Utf8Slice get(byte[] utf8Key) throws MalformedEventException {
        walker.resetTo(source, start);
        for (long count = walker.readBlockCount("map"); count != 0; count = walker.readBlockCount("map")) {
            for (long i = 0; i < count; i++) {
                walker.readSlice(key, "map key");
                walker.readSlice(value, "map value");
                if (key.contentEquals(utf8Key)) {
                    return value;
                }
            }
        }
        return null;
    }
}
