package lab.performance.observatory.topology;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.schemas.registry.SchemaRegistryClient;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.JdbcWindowSink;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Builds the topology from configuration, after making sure PostgreSQL has the schema it writes to. */
@ApplicationScoped
public class TopologyProducer {

    private static final Logger LOG = Logger.getLogger(TopologyProducer.class);

    @Produces
    @Singleton
    Topology topology(TopologyConfig config, AgroalDataSource dataSource, MeterRegistry metrics,
                      @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) throws Exception {
        DecodeStrategy strategy = DecodeStrategy.fromWireName(config.strategy())
                .filter(DecodeStrategy::available)
                .orElseThrow(() -> new IllegalArgumentException("observatory.topology.strategy '" + config.strategy()
                        + "' is not an available decode strategy"));
        // the sink needs its tables and today's partitions before the first task starts
        ObservatoryDatabase.migrate(dataSource);
        ObservatoryDatabase.ensureWindowPartitions(dataSource, LocalDate.now(ZoneOffset.UTC).minusDays(1), 3);
        SchemaRegistryClient registry = config.registryUrl()
                .map(url -> new SchemaRegistryClient(url, SchemaRegistryClient.Settings.DEFAULT, NanoClock.system()))
                .orElse(null);
        MeasuredTopology.Settings settings = new MeasuredTopology.Settings(InputTopics.parse(config.inputs()),
                config.deadLetterTopic(), strategy, registry, config.window(), config.flushInterval(), config.recordLatency());
        LOG.infof("topology %s reads %s, dead letters to %s, %s decoding, %s windows, %s", applicationId,
                settings.inputs().types(), settings.deadLetterTopic(), strategy.wireName(), config.window(),
                registry == null ? "no schema registry" : "schema registry " + registry.base());
        return MeasuredTopology.build(settings, new JdbcWindowSink(dataSource, applicationId), NanoClock.system(),
                new MetricsListener(metrics));
    }

    /** Counts what flushes wrote, in Prometheus naming. */
    static final class MetricsListener implements FlushListener {
        private final MeterRegistry registry;
        private final Timer flushTimer;

        MetricsListener(MeterRegistry registry) {
            this.registry = registry;
            this.flushTimer = Timer.builder("observatory.topology.sink.flush")
                    .description("Time to write one task's windows and offsets to PostgreSQL")
                    .register(registry);
        }

        @Override
        public void flushed(TaskWindows.Flushed flushed, long durationNanos) {
            flushTimer.record(durationNanos, TimeUnit.NANOSECONDS);
            flushed.byType().forEach((type, counts) -> {
                events(type).increment(counts[0]);
            });
        }

        private Counter events(DataType type) {
            return Counter.builder("observatory.topology.events")
                    .description("Events decoded and windowed, as written to PostgreSQL")
                    .tag("event_type", type.wireName())
                    .register(registry);
        }

        @Override
        public void deadLettered(DataType type, String reasonCode) {
            Counter.builder("observatory.topology.dead.letters")
                    .description("Records sent to the dead-letter topic")
                    .tag("event_type", type.wireName())
                    .tag("reason", reasonCode)
                    .register(registry)
                    .increment();
        }
    }
}
