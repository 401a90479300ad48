package lab.performance.observatory.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KafkaEventSinkTest {

    @Test
    void intendedTimesAreDecimalAscii() {
        for (long value : new long[] {0, 7, 10, 99, 1_000_000_007L, 1_795_000_000_123_456_789L, Long.MAX_VALUE}) {
            assertThat(new String(KafkaEventSink.decimalAscii(value), StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
        }
        assertThatThrownBy(() -> KafkaEventSink.decimalAscii(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
