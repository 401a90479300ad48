package lab.performance.observatory.schemas;

import lab.performance.observatory.core.spec.DecodeStrategy;

/**
 * A decode strategy: turns one framed record value into {@link EventFields}. Every strategy reads
 * the same fields so runs with different strategies do the same work. Instances are not
 * thread-safe; each stream task owns one.
 */
public interface EventDecoder {

    DecodeStrategy strategy();

    /**
     * @throws MalformedEventException for anything that is not a complete event of a known schema;
     *     no other exception escapes for bad input
     */
    void decode(byte[] value, EventFields out) throws MalformedEventException;

    static EventDecoder create(DecodeStrategy strategy) {
        if (strategy == DecodeStrategy.COPYING) {
            return new CopyingEventDecoder();
        }
        throw new IllegalArgumentException("decode strategy " + strategy.wireName() + " is not available in this version");
    }
}
