package lab.performance.observatory.topology;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Leaves the consumer group on the way out. Kafka Streams otherwise stays a member until its
 * session times out (45 s), and a replacement instance (a rolled or rescheduled pod, the next run's
 * topology) waits that long for its partitions while events pile up as lag. Takes effect for static
 * members ({@link StaticMembershipConfigSource}); for dynamic ones it is an ordinary close. Observes
 * before {@link LiveFeed#stop}, which publishes what the last flush counted.
 */
@ApplicationScoped
public class LeaveGroupOnShutdown {

    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    void leave(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent event, KafkaStreams streams) {
        streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(CLOSE_TIMEOUT));
    }
}
