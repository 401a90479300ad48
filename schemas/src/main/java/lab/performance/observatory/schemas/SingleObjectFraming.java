package lab.performance.observatory.schemas;

/**
 * Avro single-object encoding: {@code 0xC3 0x01}, the writer schema's 8-byte CRC-64-AVRO
 * fingerprint (little-endian), then the Avro binary body. Used when no schema registry is in play;
 * the fingerprint is resolved against the schemas bundled in this module.
 */
public final class SingleObjectFraming {

    public static final int HEADER_LENGTH = 10;
    static final byte MAGIC_0 = (byte) 0xC3;
    static final byte MAGIC_1 = (byte) 0x01;

    private SingleObjectFraming() {
    }

    /** The 10-byte header of a value written with the schema of this fingerprint. */
    public static byte[] header(long fingerprint) {
        byte[] header = new byte[HEADER_LENGTH];
        writeHeader(header, 0, fingerprint);
        return header;
    }

    public static void writeHeader(byte[] dest, int offset, long fingerprint) {
        dest[offset] = MAGIC_0;
        dest[offset + 1] = MAGIC_1;
        for (int i = 0; i < 8; i++) {
            dest[offset + 2 + i] = (byte) (fingerprint >>> (8 * i));
        }
    }

    /** The writer schema fingerprint of a framed value; checks the magic and that a body can follow. */
    public static long readFingerprint(byte[] value) throws MalformedEventException {
        if (value == null || value.length < HEADER_LENGTH) {
            throw new MalformedEventException(MalformedEventException.Reason.TOO_SHORT,
                    (value == null ? "null value" : value.length + " bytes") + ", a framed event has a " + HEADER_LENGTH + "-byte header");
        }
        if (value[0] != MAGIC_0 || value[1] != MAGIC_1) {
            throw new MalformedEventException(MalformedEventException.Reason.BAD_MAGIC,
                    String.format("expected 0xC3 0x01, got 0x%02X 0x%02X", value[0] & 0xFF, value[1] & 0xFF));
        }
        long fingerprint = 0;
        for (int i = 0; i < 8; i++) {
            fingerprint |= (value[2 + i] & 0xFFL) << (8 * i);
        }
        return fingerprint;
    }
}
