package lab.performance.observatory.topology;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.observe.LatencyTimers;
import lab.performance.observatory.observe.PrometheusNaming;
import lab.performance.observatory.schemas.MalformedEventException;
import lab.performance.observatory.schemas.registry.SchemaRegistryClient;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.JdbcWindowSink;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Builds the topology from configuration, after making sure PostgreSQL has the schema it writes to. */
@ApplicationScoped
public class TopologyProducer {

    private static final Logger LOG = Logger.getLogger(TopologyProducer.class);

    @Produces
    @Singleton
    Topology topology(TopologyConfig config, AgroalDataSource dataSource, MeterRegistry metrics, LiveFeed live,
                      @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId,
                      @ConfigProperty(name = "kafka-streams.processing.guarantee") String guarantee) throws Exception {
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
                config.deadLetterTopic(), strategy, registry, config.window(), config.flushInterval(), config.recordLatency(),
                StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee));
        LOG.infof("topology %s reads %s, dead letters to %s, %s decoding, %s windows, %s", applicationId,
                settings.inputs().types(), settings.deadLetterTopic(), strategy.wireName(), config.window(),
                registry == null ? "no schema registry" : "schema registry " + registry.base());
        FlushListener meters = config.metrics() ? new MetricsListener(metrics, Set.copyOf(settings.inputs().types().values())) : FlushListener.NONE;
        return MeasuredTopology.build(settings, new JdbcWindowSink(dataSource, applicationId), NanoClock.system(),
                FlushListener.both(meters, live.listener(NanoClock.system())));
    }

    /** Every component's registries pass promtool (see {@link PrometheusNaming}). */
    @Produces
    @Singleton
    MeterFilter prometheusNaming() {
        return PrometheusNaming.filter();
    }

    /**
     * What the topology did, for Prometheus (docs/architecture.md, "Metrics"): events processed,
     * dead-lettered by reason, record bytes, payload bytes decoded and copied (their ratio is the
     * zero-copy efficiency), all by event type and counted at each flush, so they move with what
     * PostgreSQL holds; end-to-end latency per event as a histogram on the shared buckets; sink
     * flush time.
     */
    static final class MetricsListener implements FlushListener {

        /** Every reason a record is dead-lettered for: the decoders' and the missing headers'. */
        static final List<String> DEAD_LETTER_REASONS = java.util.stream.Stream.concat(
                Arrays.stream(MalformedEventException.Reason.values()).map(MalformedEventException.Reason::code),
                java.util.stream.Stream.of(WindowMetricsProcessor.MISSING_HEADER)).toList();

        private record TypeMeters(Counter events, Counter bytes, Counter received, Counter copied, Timer endToEnd) {
        }

        private final MeterRegistry registry;
        private final Timer flushTimer;
        private final Map<DataType, TypeMeters> byType = new ConcurrentHashMap<>();

        /** Every input type's meters exist from the start, dead letters for every reason at 0, so a rate is there before the first event. */
        MetricsListener(MeterRegistry registry, Collection<DataType> inputs) {
            this.registry = registry;
            this.flushTimer = LatencyTimers.histogram("observatory.topology.sink.flush",
                    "Time to write one task's windows and offsets to PostgreSQL in one transaction").register(registry);
            for (DataType type : inputs) {
                meters(type);
                for (String reason : DEAD_LETTER_REASONS) {
                    deadLetters(type, reason);
                }
            }
        }

        private TypeMeters meters(DataType type) {
            return byType.computeIfAbsent(type, t -> {
                String name = t.wireName();
                return new TypeMeters(
                        Counter.builder("observatory.topology.events.processed").description("Events decoded and windowed, as written to PostgreSQL")
                                .tag("event_type", name).register(registry),
                        Counter.builder("observatory.topology.records").baseUnit("bytes").description("Record value bytes of processed events")
                                .tag("event_type", name).register(registry),
                        Counter.builder("observatory.topology.decoded.received").baseUnit("bytes")
                                .description("Avro payload bytes the decoder was handed").tag("event_type", name).register(registry),
                        Counter.builder("observatory.topology.decoded.copied").baseUnit("bytes")
                                .description("Payload bytes the decoder copied (0 for zero-copy views that read fields in place)")
                                .tag("event_type", name).register(registry),
                        LatencyTimers.histogram("observatory.topology.end.to.end.latency",
                                "From the instant the schedule gave an event to its processing").tag("event_type", name).register(registry));
            });
        }

        @Override
        public void flushed(TaskWindows.Flushed flushed, long durationNanos) {
            flushTimer.record(durationNanos, TimeUnit.NANOSECONDS);
            if (flushed.replaysSkipped() > 0) {
                Counter.builder("observatory.topology.replays.skipped")
                        .description("Replayed records below the sink's written offsets: counted before a restart, skipped (docs/reliability.md)")
                        .register(registry).increment(flushed.replaysSkipped());
            }
            flushed.byType().forEach((type, totals) -> {
                TypeMeters m = meters(type);
                m.events().increment(totals.events);
                m.bytes().increment(totals.bytes);
                m.received().increment(totals.payloadBytes);
                m.copied().increment(totals.copiedBytes);
            });
        }

        @Override
        public void endToEnd(DataType type, long latencyNanos) {
            meters(type).endToEnd().record(latencyNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void deadLettered(DataType type, String reasonCode) {
            deadLetters(type, reasonCode).increment();
        }

        private Counter deadLetters(DataType type, String reasonCode) {
            return Counter.builder("observatory.topology.events.dead.lettered")
                    .description("Records sent to the dead-letter topic, by why")
                    .tag("event_type", type.wireName())
                    .tag("reason", reasonCode)
                    .register(registry);
        }
    }
}
