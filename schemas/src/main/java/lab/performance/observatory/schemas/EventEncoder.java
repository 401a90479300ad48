package lab.performance.observatory.schemas;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import lab.performance.observatory.core.spec.DataType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Encodes one event type's generated (current-version) records as a chosen writer version, behind
 * a chosen framing header, reusing one buffer. Older versions are prefixes of the current one, so
 * writing one is writing the fields it has. Not thread-safe: each sender owns one.
 */
public final class EventEncoder {

    private final Class<? extends SpecificRecordBase> recordClass;
    private final WriterSchema writerSchema;
    private final SpecificDatumWriter<Object> writer;
    private final byte[] header;
    private final Buffer buffer = new Buffer();
    private BinaryEncoder encoder;

    /** Current version, single-object framing. */
    public EventEncoder(DataType type) {
        this(EventSchemas.current(type), SingleObjectFraming.header(EventSchemas.current(type).fingerprint()));
    }

    /**
     * @param header the framing header: {@link SingleObjectFraming#header(long)} of the writer's
     *     fingerprint, or {@link ConfluentFraming#header(int)} of its registry id
     */
    public EventEncoder(WriterSchema writerSchema, byte[] header) {
        this.recordClass = EventSchemas.recordClass(writerSchema.dataType());
        this.writerSchema = writerSchema;
        this.writer = new SpecificDatumWriter<>(writerSchema.schema(), SpecificData.getForClass(recordClass));
        this.header = header.clone();
    }

    /** The framed bytes of {@code record}: header, then the Avro binary body. */
    public byte[] encode(SpecificRecordBase record) {
        if (record.getClass() != recordClass) {
            throw new IllegalArgumentException("this encoder writes " + recordClass.getSimpleName() + ", not " + record.getClass().getName());
        }
        buffer.reset();
        buffer.write(header, 0, header.length);
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            writer.write(writerSchema.bundled() ? record : byName(record), encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(buffer.bytes, buffer.count);
    }

    /** The record's fields by name, for a writer schema that orders or names them differently. */
    private GenericData.Record byName(SpecificRecordBase record) {
        GenericData.Record out = new GenericData.Record(writerSchema.schema());
        for (Schema.Field field : writerSchema.schema().getFields()) {
            Schema.Field ours = record.getSchema().getField(field.name());
            out.put(field.pos(), ours != null ? record.get(ours.pos()) : GenericData.get().getDefaultValue(field));
        }
        return out;
    }

    /** A growable in-memory stream whose array we may read directly. */
    private static final class Buffer extends OutputStream {
        byte[] bytes = new byte[1024];
        int count;

        void reset() {
            count = 0;
        }

        private void ensure(int extra) {
            if (count + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + extra));
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }
    }
}
