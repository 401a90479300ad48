package lab.performance.observatory.topology;

import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * A stream thread that dies ends the topology process, with its cause in the log: a topology whose
 * Kafka Streams client is in ERROR would otherwise stay up, answer its port and process nothing
 * while the run waits for a drain that never comes. Exiting lets whatever runs it act: the local
 * run fails with the cause, a Deployment restarts the pod, and the restarted topology replays what
 * was not committed (docs/reliability.md, "A topology that cannot go on"). Quarkus sets both
 * interfaces on the client before starting it.
 */
@ApplicationScoped
public class StreamsFailure implements StreamsUncaughtExceptionHandler, KafkaStreams.StateListener {

    /** The topology's exit status when Kafka Streams stopped for good. */
    public static final int EXIT_STATUS = 3;

    private static final Logger LOG = Logger.getLogger(StreamsFailure.class);

    private volatile String cause = "unknown";

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        cause = describe(exception);
        LOG.errorf(exception, "a stream thread failed: %s", cause);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        if (newState == KafkaStreams.State.ERROR) {
            LOG.errorf("Kafka Streams stopped (%s): the topology exits with status %d", cause, EXIT_STATUS);
            Quarkus.asyncExit(EXIT_STATUS);
        }
    }

    /**
     * The chain of causes on one line, innermost (the root, what to act on) first; a wrapper's message
     * loses the copy of its cause it quotes (Kafka's wrappers quote theirs).
     */
    static String describe(Throwable exception) {
        java.util.List<String> chain = new java.util.ArrayList<>();
        for (Throwable t = exception; t != null && chain.size() < 10; t = t.getCause() == t ? null : t.getCause()) {
            String message = oneLine(t.getMessage());
            Throwable cause = t.getCause();
            if (cause != null && cause != t) {
                message = oneLine(message.replace(oneLine(cause.toString()), "").replace(oneLine(cause.getMessage()), ""));
            }
            chain.add(0, t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
        }
        return String.join(" <- ", chain);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").replaceAll("  +", " ").trim();
    }
}
