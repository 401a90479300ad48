package lab.performance.observatory.topology;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.live.WindowSummaries;
import lab.performance.observatory.core.live.WindowSummary;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.store.WindowDelta;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The live feed (docs/api.md, "Live"): every flush's window deltas go into this instance's
 * {@link WindowSummaries}; five times a second the windows closed since are published to the live
 * topic, keyed by run id, each with the consumer lag this instance's stream threads report (the sum
 * of their partitions' {@code records-lag}). A thin shell: what closes when is the core's decision.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);
    static final long PUBLISH_EVERY_MILLIS = 200;

    private final TopologyConfig config;
    private final String bootstrapServers;
    private final Instance<KafkaStreams> streams;
    private volatile WindowSummaries summaries;
    private volatile KafkaProducer<String, String> producer;
    private volatile ScheduledExecutorService publisher;

    public LiveFeed(TopologyConfig config, @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers") String bootstrapServers,
                    Instance<KafkaStreams> streams) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.streams = streams;
    }

    /** The listener the topology tells its flushes; nothing when no live topic is configured. */
    synchronized FlushListener listener(NanoClock clock) {
        if (config.liveTopic().isEmpty() || config.liveTopic().get().isBlank()) {
            return FlushListener.NONE;
        }
        String topic = config.liveTopic().get();
        // a window closes once every task has flushed it: its end plus one flush interval, plus a little for a slow flush
        summaries = new WindowSummaries(instance(), config.window().toMillis(), config.flushInterval().toMillis() + 250);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "observatory-live-" + instance());
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        publisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "observatory-live");
            t.setDaemon(true);
            return t;
        });
        publisher.scheduleAtFixedRate(() -> publish(topic, clock), PUBLISH_EVERY_MILLIS, PUBLISH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        LOG.infof("publishing each closed window's summary to %s", topic);
        WindowSummaries into = summaries;
        return (flushed, nanos) -> {
            for (WindowDelta d : flushed.deltas()) {
                into.add(d.runId(), d.windowStart().toEpochMilli(), d.events(), d.deadLettered(), d.bytes(),
                        LatencyHistograms.decompress(d.latencyHistogram()));
            }
        };
    }

    private void publish(String topic, NanoClock clock) {
        try {
            List<WindowSummary> closed = summaries.close(clock.epochNanos() / 1_000_000, run -> lag());
            for (WindowSummary s : closed) {
                producer.send(new ProducerRecord<>(topic, s.runId(), ReportJson.writeValue(s)));
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not publish live windows: %s", e.toString());
        }
    }

    /** The records this instance's consumers are behind, summed over their partitions; null before they know. */
    private Long lag() {
        if (!streams.isResolvable()) {
            return null;
        }
        long sum = 0;
        boolean any = false;
        for (Map.Entry<MetricName, ? extends Metric> m : streams.get().metrics().entrySet()) {
            MetricName name = m.getKey();
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics") && name.tags().containsKey("partition")
                    && !name.tags().getOrDefault("client-id", "").contains("restore")) {
                Object value = m.getValue().metricValue();
                if (value instanceof Number n && !Double.isNaN(n.doubleValue())) {
                    sum += n.longValue();
                    any = true;
                }
            }
        }
        return any ? sum : null;
    }

    private static String instance() {
        String named = System.getenv(StaticMembershipConfigSource.INSTANCE_ID);
        return named != null && !named.isBlank() ? named : "pid-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    /**
     * After Kafka Streams closed ({@link LeaveGroupOnShutdown} observes first), so its last flush is in:
     * every window still open is published, without lag (the consumers are gone), and the producer
     * gets {@link #CLOSE_TIMEOUT} to deliver them. A failure here is printed, not thrown: the shutdown
     * goes on, and the run's counts are in PostgreSQL either way.
     */
    void stop(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) ShutdownEvent event) {
        if (publisher != null) {
            publisher.shutdown();
            try {
                publisher.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            try {
                // what the last flushes counted, closed or not: the run is over for this instance
                for (WindowSummary s : summaries.close(Long.MAX_VALUE, run -> null)) {
                    producer.send(new ProducerRecord<>(config.liveTopic().get(), s.runId(), ReportJson.writeValue(s)));
                }
                producer.flush();
            } catch (RuntimeException e) {
                System.err.println("observatory-live: the last window summaries were not published: " + e);
            } finally {
                producer.close(CLOSE_TIMEOUT);
            }
        }
    }

    static final java.time.Duration CLOSE_TIMEOUT = java.time.Duration.ofSeconds(10);
}
