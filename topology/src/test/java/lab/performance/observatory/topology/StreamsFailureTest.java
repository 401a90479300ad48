package lab.performance.observatory.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class StreamsFailureTest {

    @Test
    void theRootCauseComesFirstOnOneLineAndWrappersLoseTheirQuoteOfIt() {
        RecordTooLargeException root = new RecordTooLargeException("The request included a message larger than the max message size");
        StreamsException sending = new StreamsException("Error encountered sending record to topic t.dead-letter for task 0_0 due to:\n"
                + root + "\nException handler choose to FAIL the processing", root);
        StreamsException processing = new StreamsException("Exception caught in process. taskId=0_0, processor=window-metrics", sending);
        assertThat(StreamsFailure.describe(processing)).isEqualTo("RecordTooLargeException: The request included a message larger than "
                + "the max message size <- StreamsException: Error encountered sending record to topic t.dead-letter for task 0_0 due to: "
                + "Exception handler choose to FAIL the processing <- StreamsException: Exception caught in process. taskId=0_0, "
                + "processor=window-metrics");
        assertThat(StreamsFailure.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(StreamsFailure.describe(new StreamsException("outer", new IllegalStateException("inner"))))
                .isEqualTo("IllegalStateException: inner <- StreamsException: outer");
    }
}
