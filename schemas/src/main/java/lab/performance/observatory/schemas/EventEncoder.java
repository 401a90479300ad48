package lab.performance.observatory.schemas;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import lab.performance.observatory.core.spec.DataType;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Encodes one event type's generated records into single-object framed bytes, reusing one buffer.
 * Not thread-safe: each sender owns one.
 */
public final class EventEncoder {

    private final Class<? extends SpecificRecordBase> recordClass;
    private final SpecificDatumWriter<? super SpecificRecordBase> writer;
    private final long fingerprint;
    private final Buffer buffer = new Buffer();
    private BinaryEncoder encoder;

    public EventEncoder(DataType type) {
        EventSchemas.Entry entry = EventSchemas.of(type);
        this.recordClass = entry.recordClass();
        this.writer = writerFor(entry.recordClass());
        this.fingerprint = entry.fingerprint();
    }

    @SuppressWarnings("unchecked")
    private static SpecificDatumWriter<? super SpecificRecordBase> writerFor(Class<? extends SpecificRecordBase> type) {
        return (SpecificDatumWriter<? super SpecificRecordBase>) (SpecificDatumWriter<?>) new SpecificDatumWriter<>(type);
    }

    /** The framed bytes of {@code record}: header, then the Avro binary body. */
    public byte[] encode(SpecificRecordBase record) {
        if (record.getClass() != recordClass) {
            throw new IllegalArgumentException("this encoder writes " + recordClass.getSimpleName() + ", not " + record.getClass().getName());
        }
        buffer.reset();
        SingleObjectFraming.writeHeader(buffer.bytes, 0, fingerprint);
        buffer.count = SingleObjectFraming.HEADER_LENGTH;
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(buffer.bytes, buffer.count);
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
