package lab.performance.observatory.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.core.time.ManualNanoClock;
import lab.performance.observatory.process.FreePorts;
import lab.performance.observatory.schemas.registry.RegistryUnavailableException;
import lab.performance.observatory.schemas.registry.SchemaRegistryClient;
import org.junit.jupiter.api.Test;

/**
 * A registry that does not answer (nothing listens on its port): each lookup costs a bounded number
 * of requests, and while it counts as down, none at all. Counted in requests on a manual clock, not
 * timed on a shared machine.
 */
class SchemaRegistryClientDownTest {

    @Test
    void aRegistryThatIsDownCostsBoundedRequestsThenNone() {
        ManualNanoClock clock = new ManualNanoClock(0);
        SchemaRegistryClient down = new SchemaRegistryClient(URI.create("http://127.0.0.1:" + FreePorts.pick() + "/apis/ccompat/v7"),
                new SchemaRegistryClient.Settings(Duration.ofMillis(500), 3, Duration.ofMillis(50), Duration.ofSeconds(30),
                        Duration.ofSeconds(30), 10, Duration.ofSeconds(30), 1 << 20), clock);
        EventDecoder decoder = EventDecoder.create(DecodeStrategy.COPYING, new WriterSchemaResolver(down));
        byte[] value = {0, 0, 0, 0, 1, 2, 3};
        assertThatThrownBy(() -> decoder.decode(value, new EventFields()))
                .isInstanceOf(MalformedEventException.class)
                .satisfies(e -> assertThat(((MalformedEventException) e).reason()).isEqualTo(MalformedEventException.Reason.REGISTRY_UNAVAILABLE))
                .hasMessageContaining("did not answer after 3 attempts");
        assertThat(down.requestsSent()).isEqualTo(3);
        // the retries backed off 50 ms, then 100 ms
        assertThat(clock.nanoTime()).isEqualTo(Duration.ofMillis(150).toNanos());

        // while it counts as unavailable, a hundred lookups send nothing
        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> down.schemaById(2)).isInstanceOf(RegistryUnavailableException.class).hasMessageContaining("unavailable");
        }
        assertThat(down.requestsSent()).isEqualTo(3);

        // once the 30 s are over it is asked again, as boundedly
        clock.advance(Duration.ofSeconds(30).toNanos());
        assertThatThrownBy(() -> down.schemaById(2)).isInstanceOf(RegistryUnavailableException.class).hasMessageContaining("did not answer");
        assertThat(down.requestsSent()).isEqualTo(6);
    }
}
