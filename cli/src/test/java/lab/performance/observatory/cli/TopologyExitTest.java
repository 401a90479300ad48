package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TopologyExitTest {

    static final Path LOG = Path.of("logs/topology.log");

    @Test
    void theStreamsStoppedLineIsTheCauseWhateverIsLoggedAfterIt() {
        String tail = """
                20:01:02.003 INFO  [io.quarkus] started
                20:01:09.100 ERROR [la.pe.ob.to.StreamsFailure] a stream thread failed: StreamsException: Error encountered sending record
                \tat org.apache.kafka.streams.processor.internals.RecordCollectorImpl.send(RecordCollectorImpl.java:1)
                20:01:09.200 ERROR [la.pe.ob.to.StreamsFailure] Kafka Streams stopped (RecordTooLargeException: too large): the topology exits with status 3
                20:01:09.300 ERROR [or.ap.ka.cl.NetworkClient] connection closed
                """;
        assertThat(TopologyExit.describe(3, tail, LOG)).isEqualTo("the topology exited with status 3: Kafka Streams stopped "
                + "(RecordTooLargeException: too large): the topology exits with status 3 (see logs/topology.log)");
    }

    @Test
    void otherwiseTheLastErrorOrNothing() {
        String tail = """
                20:01:09.100 ERROR [io.quarkus.runtime] Failed to start application
                20:01:09.200 ERROR [io.quarkus.runtime] port 8080 in use
                """;
        assertThat(TopologyExit.describe(1, tail, LOG)).isEqualTo("the topology exited with status 1: port 8080 in use (see logs/topology.log)");
        assertThat(TopologyExit.describe(137, "20:01:02.003 INFO  [io.quarkus] started\n", LOG))
                .isEqualTo("the topology exited with status 137 (see logs/topology.log)");
    }
}
