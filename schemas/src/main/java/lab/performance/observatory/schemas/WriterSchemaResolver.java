package lab.performance.observatory.schemas;

import lab.performance.observatory.schemas.registry.RegistryUnavailableException;
import lab.performance.observatory.schemas.registry.SchemaIdLookup;
import lab.performance.observatory.schemas.registry.UnknownSchemaIdException;
import org.apache.avro.Schema;

/**
 * Finds the writer schema of a framed value, whichever framing it has: single-object encoding
 * against the bundled catalogue, registry framing through a registry (when one is configured).
 * Remembers the last few registry ids itself so the common case allocates nothing. Not
 * thread-safe: each decoder owns one.
 */
public final class WriterSchemaResolver {

    private static final int LOCAL_IDS = 16;

    private final SchemaIdLookup registry;
    private final int[] localIds = new int[LOCAL_IDS];
    private final WriterSchema[] localSchemas = new WriterSchema[LOCAL_IDS];

    /** @param registry where registry-framed values' schema ids are looked up, or null if nowhere */
    public WriterSchemaResolver(SchemaIdLookup registry) {
        this.registry = registry;
    }

    public static WriterSchemaResolver bundledOnly() {
        return new WriterSchemaResolver(null);
    }

    /** Where the Avro body of a value starts; call after {@link #resolve(byte[])} accepted it. */
    public static int bodyOffset(byte[] value) {
        return value[0] == ConfluentFraming.MAGIC ? ConfluentFraming.HEADER_LENGTH : SingleObjectFraming.HEADER_LENGTH;
    }

    public WriterSchema resolve(byte[] value) throws MalformedEventException {
        if (value != null && value.length > 0 && value[0] == ConfluentFraming.MAGIC) {
            return byRegistryId(ConfluentFraming.readSchemaId(value));
        }
        long fingerprint = SingleObjectFraming.readFingerprint(value);
        WriterSchema writer = EventSchemas.bundled(fingerprint);
        if (writer == null) {
            throw new MalformedEventException(MalformedEventException.Reason.UNKNOWN_SCHEMA,
                    String.format("no bundled schema has fingerprint %016x", fingerprint));
        }
        return writer;
    }

    private WriterSchema byRegistryId(int id) throws MalformedEventException {
        int slot = id & (LOCAL_IDS - 1);
        WriterSchema local = localSchemas[slot];
        if (local != null && localIds[slot] == id) {
            return local;
        }
        if (registry == null) {
            throw new MalformedEventException(MalformedEventException.Reason.UNKNOWN_SCHEMA_ID,
                    "registry-framed record (schema id " + id + ") but no schema registry is configured");
        }
        Schema schema;
        try {
            schema = registry.schemaById(id);
        } catch (UnknownSchemaIdException e) {
            throw new MalformedEventException(MalformedEventException.Reason.UNKNOWN_SCHEMA_ID, e.getMessage());
        } catch (RegistryUnavailableException e) {
            throw new MalformedEventException(MalformedEventException.Reason.REGISTRY_UNAVAILABLE, e.getMessage());
        }
        WriterSchema writer = EventSchemas.identify(schema).orElseThrow(() -> new MalformedEventException(
                MalformedEventException.Reason.UNKNOWN_SCHEMA, "schema id " + id + " is " + schema.getFullName() + ", not an event type"));
        localIds[slot] = id;
        localSchemas[slot] = writer;
        return writer;
    }
}
