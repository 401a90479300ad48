package lab.performance.observatory.schemas.zerocopy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import lab.performance.observatory.schemas.MalformedEventException;
import lab.performance.observatory.schemas.MalformedEventException.Reason;

/**
 * Reads Avro binary primitives in place from a slice of a byte array or of a (direct or heap)
 * buffer, every read checked against the end of the slice. Reusable: {@code reset} re-points it.
 */
public final class AvroCursor {

    private static final VarHandle LONG_LE_ARRAY = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE_ARRAY = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE_BUFFER = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE_BUFFER = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    byte[] array;
    ByteBuffer buffer;
    int position;
    int limit;

    /** Reads {@code array[from, to)}. */
    public void reset(byte[] array, int from, int to) {
        this.array = array;
        this.buffer = null;
        this.position = from;
        this.limit = to;
    }

    /** Reads the buffer's remaining bytes, without changing its position. */
    public void reset(ByteBuffer slice) {
        if (slice.hasArray()) {
            reset(slice.array(), slice.arrayOffset() + slice.position(), slice.arrayOffset() + slice.limit());
        } else {
            this.array = null;
            this.buffer = slice;
            this.position = slice.position();
            this.limit = slice.limit();
        }
    }

    /** Reads the same bytes as {@code other}, from {@code from} to its limit. */
    void resetTo(AvroCursor other, int from) {
        this.array = other.array;
        this.buffer = other.buffer;
        this.position = from;
        this.limit = other.limit;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return limit - position;
    }

    public boolean atEnd() {
        return position == limit;
    }

    byte byteAt(int index) {
        return array != null ? array[index] : buffer.get(index);
    }

    private void need(int bytes, String what) throws MalformedEventException {
        if (limit - position < bytes) {
            throw new MalformedEventException(Reason.TRUNCATED, what + " needs " + bytes + " bytes, " + (limit - position) + " left");
        }
    }

    /** A zig-zag varint long (at most 10 bytes). */
    public long readLong() throws MalformedEventException {
        long raw = 0;
        int shift = 0;
        while (true) {
            if (position >= limit) {
                throw new MalformedEventException(Reason.TRUNCATED, "body ends inside a varint");
            }
            int b = byteAt(position++) & 0xFF;
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
            shift += 7;
            if (shift > 63) {
                throw new MalformedEventException(Reason.INVALID_BODY, "varint longer than 10 bytes");
            }
        }
    }

    public int readInt() throws MalformedEventException {
        long value = readLong();
        if (value != (int) value) {
            throw new MalformedEventException(Reason.INVALID_BODY, "int out of range: " + value);
        }
        return (int) value;
    }

    public double readDouble() throws MalformedEventException {
        need(8, "a double");
        long bits = array != null ? (long) LONG_LE_ARRAY.get(array, position) : (long) LONG_LE_BUFFER.get(buffer, position);
        position += 8;
        return Double.longBitsToDouble(bits);
    }

    public float readFloat() throws MalformedEventException {
        need(4, "a float");
        int bits = array != null ? (int) INT_LE_ARRAY.get(array, position) : (int) INT_LE_BUFFER.get(buffer, position);
        position += 4;
        return Float.intBitsToFloat(bits);
    }

    /** The length prefix of a string or bytes: never negative, never past the end of the slice. */
    public int readLength(String what) throws MalformedEventException {
        long length = readLong();
        if (length < 0) {
            throw new MalformedEventException(Reason.INVALID_BODY, what + " has a negative length " + length);
        }
        if (length > limit - position) {
            throw new MalformedEventException(Reason.TRUNCATED, what + " claims " + length + " bytes, " + (limit - position) + " left");
        }
        return (int) length;
    }

    /** A union branch or enum symbol index in [0, count). */
    public int readIndex(int count, String what) throws MalformedEventException {
        long index = readLong();
        if (index < 0 || index >= count) {
            throw new MalformedEventException(Reason.INVALID_BODY, what + " index " + index + " is not in [0, " + count + ")");
        }
        return (int) index;
    }

    /**
     * The item count of the next block of an array or map: 0 ends it; a negative count is followed
     * by the block's size in bytes (Avro's skippable blocks).
     */
    public long readBlockCount(String what) throws MalformedEventException {
        long count = readLong();
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw new MalformedEventException(Reason.INVALID_BODY, what + " has an invalid block count");
            }
            count = -count;
            readLong(); // block size in bytes, not needed to walk the items
        }
        if (count > limit - position) {
            // every item takes at least one byte: a larger count cannot be real
            throw new MalformedEventException(Reason.TRUNCATED, what + " claims " + count + " items, " + (limit - position) + " bytes left");
        }
        return count;
    }

    public void skip(int bytes, String what) throws MalformedEventException {
        need(bytes, what);
        position += bytes;
    }

    /** Points {@code slice} at the next length-prefixed string or bytes and moves past it. */
    public void readSlice(ByteSlice slice, String what) throws MalformedEventException {
        int length = readLength(what);
        slice.point(this, position, length);
        position += length;
    }
}
