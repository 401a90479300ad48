package lab.performance.observatory.schemas.zerocopy;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A bytes field where it lies in the record, compared and hashed byte-wise; copied only on request.
 * Reused by its view: valid until the view is re-pointed at another record.
 */
public class ByteSlice {

    byte[] array;
    ByteBuffer buffer;
    int offset;
    int length;

    void point(AvroCursor cursor, int offset, int length) {
        this.array = cursor.array;
        this.buffer = cursor.buffer;
        this.offset = offset;
        this.length = length;
        moved();
    }

    /** Called whenever the slice is re-pointed. */
    void moved() {
    }

    void clear() {
        array = null;
        buffer = null;
        offset = 0;
        length = 0;
        moved();
    }

    /** Length in bytes. */
    public int length() {
        return length;
    }

    public byte byteAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return array != null ? array[offset + index] : buffer.get(offset + index);
    }

    /** Whether the bytes equal {@code utf8}, compared without decoding. */
    public boolean contentEquals(byte[] utf8) {
        if (utf8.length != length) {
            return false;
        }
        if (array != null) {
            return Arrays.equals(array, offset, offset + length, utf8, 0, length);
        }
        for (int i = 0; i < length; i++) {
            if (buffer.get(offset + i) != utf8[i]) {
                return false;
            }
        }
        return true;
    }

    /** Byte-wise equality with another slice. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ByteSlice that) || that.getClass() != getClass() || that.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (byteAt(i) != that.byteAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** 31-polynomial over the bytes, like {@link Arrays#hashCode(byte[])} of a copy. */
    @Override
    public int hashCode() {
        int h = 1;
        if (array != null) {
            for (int i = offset, end = offset + length; i < end; i++) {
                h = 31 * h + array[i];
            }
        } else {
            for (int i = 0; i < length; i++) {
                h = 31 * h + buffer.get(offset + i);
            }
        }
        return h;
    }

    /** Copies the bytes out (the one way, besides {@link #toString()}, that a slice copies). */
    public byte[] toBytes() {
        byte[] out = new byte[length];
        if (array != null) {
            System.arraycopy(array, offset, out, 0, length);
        } else {
            buffer.get(offset, out, 0, length);
        }
        return out;
    }

    /** A read-only buffer over the bytes, without copying them (allocates the buffer object). */
    public ByteBuffer asReadOnlyBuffer() {
        ByteBuffer view = array != null ? ByteBuffer.wrap(array, offset, length) : buffer.duplicate().position(offset).limit(offset + length);
        return view.slice().asReadOnlyBuffer();
    }
}
