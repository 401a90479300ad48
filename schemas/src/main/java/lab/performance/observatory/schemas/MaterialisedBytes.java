package lab.performance.observatory.schemas;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;

/**
 * How many bytes of a record value a decoder copied into the objects it materialised
 * (docs/measurement.md, "Copies"): the content of every string, bytes and fixed field and of every
 * array and map element, as it lay on the wire (a string's UTF-8 bytes, a double's 8, a varint's
 * length). Scalars decoded into fields (numbers, enums, timestamps) are values, not copies, and
 * are not counted; neither are fields the reader schema skipped. Walks the decoded record by its
 * schema, so what is counted is what the reader produced, not what the strategy claims.
 */
public final class MaterialisedBytes {

    private MaterialisedBytes() {
    }

    public static long of(IndexedRecord record) {
        return of(record, record.getSchema(), false);
    }

    /** {@code element}: the datum is an array item or map value, whose scalars were copied into a collection too. */
    private static long of(Object datum, Schema schema, boolean element) {
        if (datum == null) {
            return 0;
        }
        return switch (schema.getType()) {
            case RECORD -> {
                IndexedRecord r = (IndexedRecord) datum;
                long sum = 0;
                for (Schema.Field f : schema.getFields()) {
                    sum += of(r.get(f.pos()), f.schema(), false);
                }
                yield sum;
            }
            case UNION -> of(datum, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)), element);
            case STRING -> utf8Length(datum);
            case BYTES -> ((ByteBuffer) datum).remaining();
            case FIXED -> ((GenericFixed) datum).bytes().length;
            case ARRAY -> {
                long sum = 0;
                for (Object item : (Collection<?>) datum) {
                    sum += of(item, schema.getElementType(), true);
                }
                yield sum;
            }
            case MAP -> {
                long sum = 0;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    sum += utf8Length(e.getKey()) + of(e.getValue(), schema.getValueType(), true);
                }
                yield sum;
            }
            case DOUBLE -> element ? 8 : 0;
            case LONG -> !element ? 0 : datum instanceof Number n ? AvroBinarySizes.longSize(n.longValue()) : 8;
            case FLOAT -> element ? 4 : 0;
            case INT -> !element ? 0 : datum instanceof Number n ? AvroBinarySizes.longSize(n.intValue()) : 4;
            case BOOLEAN -> element ? 1 : 0;
            case ENUM, NULL -> 0;
        };
    }

    /** UTF-8 length of a decoded string, without encoding it again. */
    static long utf8Length(Object s) {
        if (s instanceof Utf8 u) {
            return u.getByteLength();
        }
        CharSequence chars = (CharSequence) s;
        long bytes = 0;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars.length() && Character.isLowSurrogate(chars.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
