package lab.performance.observatory.schemas;

/**
 * The schema-registry framing (Confluent's, which Apicurio's ccompat API speaks too): a zero magic
 * byte, the writer schema's registry id as a 4-byte big-endian integer, then the Avro binary body.
 */
public final class ConfluentFraming {

    public static final int HEADER_LENGTH = 5;
    static final byte MAGIC = 0;

    private ConfluentFraming() {
    }

    public static byte[] header(int schemaId) {
        return new byte[] {MAGIC, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8), (byte) schemaId};
    }

    /** The registry id of a value whose first byte is the zero magic byte. */
    public static int readSchemaId(byte[] value) throws MalformedEventException {
        if (value.length < HEADER_LENGTH) {
            throw new MalformedEventException(MalformedEventException.Reason.TOO_SHORT,
                    value.length + " bytes, a registry-framed event has a " + HEADER_LENGTH + "-byte header");
        }
        return (value[1] & 0xFF) << 24 | (value[2] & 0xFF) << 16 | (value[3] & 0xFF) << 8 | (value[4] & 0xFF);
    }
}
