package lab.performance.observatory.schemas;

import lab.performance.observatory.core.spec.DecodeStrategy;

/**
 * A decode strategy: turns one framed record value into {@link EventFields}. Every strategy reads
 * the same fields and checks the whole record, so runs with different strategies do the same
 * work. Instances are not thread-safe; each stream task owns one.
 */
public interface EventDecoder {

    DecodeStrategy strategy();

    /**
     * @throws MalformedEventException for anything that is not a complete event of a known schema;
     *     no other exception escapes for bad input
     */
    void decode(byte[] value, EventFields out) throws MalformedEventException;

    static EventDecoder create(DecodeStrategy strategy) {
        return create(strategy, WriterSchemaResolver.bundledOnly());
    }

    static EventDecoder create(DecodeStrategy strategy, WriterSchemaResolver resolver) {
        return switch (strategy) {
            case COPYING -> new CopyingEventDecoder(resolver);
            case GENERIC -> new GenericEventDecoder(resolver);
            case ZERO_COPY -> new ZeroCopyEventDecoder(resolver);
        };
    }
}
