package lab.performance.observatory.schemas;

import java.io.EOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import lab.performance.observatory.core.spec.DataType;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;

/**
 * The strategies built on Avro's own readers: resolve the writer schema to the current reader
 * schema (defaults for fields an old writer lacks) and materialise the record. One datum reader per
 * writer schema, made once.
 */
abstract class AvroResolvingDecoder<R> implements EventDecoder {

    static {
        AvroLimits.applyDefaults();
    }

    private static final int FOREIGN_READERS = 64;

    private final WriterSchemaResolver resolver;
    private final DatumReader<R>[][] bundled;
    private final Map<Long, DatumReader<R>> foreign = new HashMap<>();
    private BinaryDecoder decoder;

    @SuppressWarnings("unchecked")
    AvroResolvingDecoder(WriterSchemaResolver resolver) {
        this.resolver = resolver;
        this.bundled = new DatumReader[DataType.values().length][EventSchemas.CURRENT_VERSION + 1];
    }

    abstract DatumReader<R> newReader(Schema writer, Schema reader, DataType type);

    /** Reads the fields every strategy reads; what the record holds as copies is {@link MaterialisedBytes}. */
    abstract void extract(R record, DataType type, EventFields out, int payloadBytes, boolean fallback);

    @Override
    public void decode(byte[] value, EventFields out) throws MalformedEventException {
        WriterSchema writer = resolver.resolve(value);
        decode(writer, value, out, false);
    }

    void decode(WriterSchema writer, byte[] value, EventFields out, boolean fallback) throws MalformedEventException {
        int body = WriterSchemaResolver.bodyOffset(value);
        extract(read(writer, value, body), writer.dataType(), out, value.length - body, fallback);
    }

    /** The record a value holds, materialised by Avro. */
    public R read(byte[] value) throws MalformedEventException {
        WriterSchema writer = resolver.resolve(value);
        return read(writer, value, WriterSchemaResolver.bodyOffset(value));
    }

    private R read(WriterSchema writer, byte[] value, int body) throws MalformedEventException {
        DatumReader<R> reader = readerFor(writer);
        decoder = DecoderFactory.get().binaryDecoder(value, body, value.length - body, decoder);
        R record;
        try {
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new MalformedEventException(MalformedEventException.Reason.TRAILING_BYTES,
                        "bytes left after a complete " + writer.dataType().wireName());
            }
        } catch (EOFException e) {
            throw new MalformedEventException(MalformedEventException.Reason.TRUNCATED,
                    "body ends inside a " + writer.dataType().wireName(), e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                 | UnsupportedOperationException | ClassCastException e) {
            throw new MalformedEventException(MalformedEventException.Reason.INVALID_BODY,
                    writer.dataType().wireName() + ": " + e, e);
        }
        return record;
    }

    private DatumReader<R> readerFor(WriterSchema writer) {
        if (writer.bundled()) {
            DatumReader<R>[] versions = bundled[writer.dataType().ordinal()];
            DatumReader<R> reader = versions[writer.version()];
            if (reader == null) {
                reader = newReader(writer.schema(), EventSchemas.readerSchema(writer.dataType()), writer.dataType());
                versions[writer.version()] = reader;
            }
            return reader;
        }
        DatumReader<R> reader = foreign.get(writer.fingerprint());
        if (reader == null) {
            if (foreign.size() >= FOREIGN_READERS) {
                foreign.clear();
            }
            reader = newReader(writer.schema(), EventSchemas.readerSchema(writer.dataType()), writer.dataType());
            foreign.put(writer.fingerprint(), reader);
        }
        return reader;
    }
}
