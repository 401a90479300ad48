package lab.performance.observatory.schemas.zerocopy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A bytes field where it lies in the record, compared and hashed byte-wise; copied only on request.
 * Reused by its view: valid until the view is re-pointed at another record.
 */
public class ByteSlice {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

    /**
     * 31-polynomial over the bytes, like {@link Arrays#hashCode(byte[])} of a copy; eight bytes per
     * step, so only one multiplication per step waits on the previous one.
     */
    @Override
    public int hashCode() {
        int h = 1;
        if (array != null) {
            int i = offset;
            int end = offset + length;
            for (; i + 7 < end; i += 8) {
                long v = (long) LONG_LE.get(array, i); // one bounds check for eight bytes
                h = -1_807_454_463 * h + 1_742_810_335 * (byte) v + 887_503_681 * (byte) (v >> 8) + 28_629_151 * (byte) (v >> 16)
                        + 923_521 * (byte) (v >> 24) + 29_791 * (byte) (v >> 32) + 961 * (byte) (v >> 40) + 31 * (byte) (v >> 48)
                        + (byte) (v >> 56);
            }
            for (; i < end; i++) {
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
