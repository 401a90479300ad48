package lab.performance.observatory.schemas.zerocopy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlicesTest {

    static Utf8Slice slice(byte[] array, int offset, int length) {
        AvroCursor cursor = new AvroCursor();
        cursor.reset(array, 0, array.length);
        Utf8Slice slice = new Utf8Slice();
        slice.point(cursor, offset, length);
        return slice;
    }

    static Utf8Slice directSlice(byte[] array, int offset, int length) {
        ByteBuffer direct = ByteBuffer.allocateDirect(array.length);
        direct.put(array).flip();
        AvroCursor cursor = new AvroCursor();
        cursor.reset(direct);
        Utf8Slice slice = new Utf8Slice();
        slice.point(cursor, offset, length);
        return slice;
    }

    @Test
    void hashEqualsAndCopiesMatchTheBytesAtEveryLength() {
        Random random = new Random(1);
        for (int length = 0; length < 70; length++) {
            byte[] array = new byte[length + 9];
            random.nextBytes(array);
            byte[] content = Arrays.copyOfRange(array, 5, 5 + length);
            Utf8Slice onHeap = slice(array, 5, length);
            Utf8Slice offHeap = directSlice(array, 5, length);
            assertThat(onHeap.hashCode()).isEqualTo(Arrays.hashCode(content)).isEqualTo(offHeap.hashCode());
            assertThat(onHeap.toBytes()).isEqualTo(content);
            assertThat(offHeap.toBytes()).isEqualTo(content);
            assertThat(onHeap.contentEquals(content)).isTrue();
            assertThat(offHeap.contentEquals(content)).isTrue();
            assertThat(onHeap).isEqualTo(offHeap);
            assertThat(onHeap.length()).isEqualTo(length);
        }
    }

    @Test
    void decodesLazilyAndOnlyOnce() {
        byte[] utf8 = "xxgrüße日本xx".getBytes(StandardCharsets.UTF_8);
        Utf8Slice slice = slice(utf8, 2, utf8.length - 4);
        String first = slice.toString();
        assertThat(first).isEqualTo("grüße日本");
        assertThat(slice.toString()).isSameAs(first);
        assertThat(slice.contentEquals("grüße日本".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(slice.contentEquals("grusse".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(slice.byteAt(0)).isEqualTo((byte) 'g');
        assertThatThrownBy(() -> slice.byteAt(utf8.length)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(slice.asReadOnlyBuffer().remaining()).isEqualTo(utf8.length - 4);
    }
}
