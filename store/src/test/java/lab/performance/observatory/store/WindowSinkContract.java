package lab.performance.observatory.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.stats.LatencyHistograms;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** What every {@link WindowSink} guarantees; run against the JDBC sink on PostgreSQL and the in-memory one. */
abstract class WindowSinkContract {

    /** A new sink for one application id (its own progress). */
    abstract WindowSink sink(String applicationId);

    /** Events stored for a run by the last sink made. */
    abstract long storedEvents(String run) throws Exception;

    static WindowDelta delta(String run, TopicPartitionRef input, long first, long last, long events) {
        Histogram h = LatencyHistograms.newHistogram();
        for (long i = 0; i < events; i++) {
            h.recordValue(1000 + i);
        }
        return new WindowDelta(run, DataType.MARKET_DATA, Instant.parse("2026-11-27T10:00:00Z"), input, first, last,
                events, events * 100, 0, 1.5 * events, events * 90, 0, 0, h.getMaxValue(), LatencyHistograms.compress(h));
    }

    @Test
    void writesRowsAndProgressTogether() throws Exception {
        String run = "run-" + UUID.randomUUID();
        TopicPartitionRef input = new TopicPartitionRef("t", 0);
        WindowSink sink = sink("app-" + UUID.randomUUID());
        assertThat(sink.progress(List.of(input))).isEmpty();

        sink.write(List.of(delta(run, input, 0, 9, 10)), List.of(new WindowSink.Advance(input, WindowSink.NO_PROGRESS, 10)));
        assertThat(sink.progress(List.of(input))).isEqualTo(Map.of(input, 10L));
        sink.write(List.of(delta(run, input, 10, 14, 5)), List.of(new WindowSink.Advance(input, 10, 15)));
        assertThat(sink.progress(List.of(input))).isEqualTo(Map.of(input, 15L));
        assertThat(storedEvents(run)).isEqualTo(15);
    }

    @Test
    void aWriterWithStaleProgressIsFencedAndWritesNothing() throws Exception {
        String run = "run-" + UUID.randomUUID();
        TopicPartitionRef input = new TopicPartitionRef("t", 3);
        WindowSink sink = sink("app-" + UUID.randomUUID());
        sink.write(List.of(delta(run, input, 0, 9, 10)), List.of(new WindowSink.Advance(input, WindowSink.NO_PROGRESS, 10)));

        // a zombie that still believes nothing was written, then one that read progress 5
        assertThatThrownBy(() -> sink.write(List.of(delta(run, input, 0, 19, 20)),
                List.of(new WindowSink.Advance(input, WindowSink.NO_PROGRESS, 20))))
                .isInstanceOf(SinkFencedException.class).hasMessageContaining("t-3");
        assertThatThrownBy(() -> sink.write(List.of(delta(run, input, 5, 19, 15)),
                List.of(new WindowSink.Advance(input, 5, 20))))
                .isInstanceOf(SinkFencedException.class);
        assertThat(storedEvents(run)).isEqualTo(10);
        assertThat(sink.progress(List.of(input))).isEqualTo(Map.of(input, 10L));
    }

    @Test
    void aFencedMultiPartitionWriteRollsBackTheOtherPartitionsToo() throws Exception {
        String run = "run-" + UUID.randomUUID();
        TopicPartitionRef a = new TopicPartitionRef("a", 0);
        TopicPartitionRef b = new TopicPartitionRef("b", 0);
        WindowSink sink = sink("app-" + UUID.randomUUID());
        sink.write(List.of(delta(run, b, 0, 0, 1)), List.of(new WindowSink.Advance(b, WindowSink.NO_PROGRESS, 1)));
        assertThatThrownBy(() -> sink.write(List.of(delta(run, a, 0, 4, 5), delta(run, b, 0, 4, 5)),
                List.of(new WindowSink.Advance(a, WindowSink.NO_PROGRESS, 5), new WindowSink.Advance(b, WindowSink.NO_PROGRESS, 5))))
                .isInstanceOf(SinkFencedException.class);
        assertThat(sink.progress(List.of(a, b))).isEqualTo(Map.of(b, 1L));
        assertThat(storedEvents(run)).isEqualTo(1);
    }
}
