package lab.performance.observatory.schemas.zerocopy;

import java.nio.charset.StandardCharsets;

/**
 * A string field where it lies in the record: UTF-8 bytes compared and hashed byte-wise, decoded
 * to a {@link String} only when asked (then remembered until the slice moves). Reused by its view.
 */
public final class Utf8Slice extends ByteSlice {

    private String decoded;

    @Override
    void moved() {
        decoded = null;
    }

    @Override
    public String toString() {
        if (decoded == null) {
            decoded = array != null ? new String(array, offset, length, StandardCharsets.UTF_8)
                    : new String(toBytes(), StandardCharsets.UTF_8);
        }
        return decoded;
    }
}
