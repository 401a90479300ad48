package lab.performance.observatory.schemas;

/** Encoded sizes of Avro binary primitives, for building events of an exact byte size. */
public final class AvroBinarySizes {

    private AvroBinarySizes() {
    }

    /** Bytes of a zig-zag varint long. */
    public static int longSize(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        return (63 - Long.numberOfLeadingZeros(zigzag | 1)) / 7 + 1;
    }

    /** Bytes of a string or bytes field holding {@code length} bytes: length prefix plus content. */
    public static int bytesSize(int length) {
        return longSize(length) + length;
    }
}
