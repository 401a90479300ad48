package lab.performance.observatory.generator;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.replay.InvalidProfileException;
import lab.performance.observatory.core.replay.ReplayTrace;
import lab.performance.observatory.core.schedule.EventSchedule;
import lab.performance.observatory.core.schedule.ReplayRate;
import lab.performance.observatory.core.spec.PatternSpec;
import lab.performance.observatory.schemas.profile.ProfileFile;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.Framing;
import lab.performance.observatory.schemas.ConfluentFraming;
import lab.performance.observatory.schemas.EventSchemas;
import lab.performance.observatory.schemas.SingleObjectFraming;
import lab.performance.observatory.schemas.WriterSchema;
import lab.performance.observatory.schemas.registry.RegistryUnavailableException;
import lab.performance.observatory.schemas.registry.SchemaRegistryClient;
import lab.performance.observatory.core.spec.ProducerSettings;
import lab.performance.observatory.core.time.NanoClock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs every data source of a benchmark at once, one sender thread each over a shared producer,
 * from a common start instant to the end of the spec's duration, then waits for every
 * acknowledgement. A source's {@code concurrent_streams} streams are sent as one open-loop schedule
 * at their summed rate (N identical schedules add up to one at N times every rate).
 */
public final class LoadGenerator {

    /** Lead time between planning the start and the first event, so all senders start on time. */
    static final Duration START_LEAD = Duration.ofMillis(200);
    static final int WARM_UP_EVENTS = 20_000;

    private final BenchmarkSpec spec;
    /** The sources as offered: each one's concurrent streams as one schedule at their summed rate. */
    private final List<DataSourceSpec> sources;
    private final RunNaming naming;
    private final Producer<byte[], byte[]> producer;
    private final SchemaRegistryClient registry;
    private final NanoClock clock;
    private final List<SourceCounters> counters = new ArrayList<>();
    private final List<SourceSender> senders = new ArrayList<>();
    private volatile boolean stopRequested;
    /** Where CDC sources write their rows, and which runs are live (their slots are not leftovers); unset: no CDC sources. */
    private javax.sql.DataSource database;
    private String jdbcUrl;
    private java.util.function.Predicate<String> liveSlots = slot -> false;
    /** How long the changes of CDC sources may take to reach their topics after the last event. */
    static final Duration CDC_DRAIN = Duration.ofSeconds(60);

    /** What a generation run did. {@code completed} is false if it was stopped before the end. */
    public record Result(Instant startedAt, Instant endedAt, boolean completed, List<SourceCounters> sources) {
    }

    public LoadGenerator(BenchmarkSpec spec, String runId, Producer<byte[], byte[]> producer, NanoClock clock) {
        this(spec, runId, producer, null, clock);
    }

    /** @param registry where registry-framed sources register their schemas; null when the run has none */
    public LoadGenerator(BenchmarkSpec spec, String runId, Producer<byte[], byte[]> producer, SchemaRegistryClient registry,
                         NanoClock clock) {
        this(spec, new RunNaming(runId), producer, registry, clock);
    }

    /** @param naming the run and the topics it sends to (a local run's own, or a benchmark's on Kubernetes) */
    public LoadGenerator(BenchmarkSpec spec, RunNaming naming, Producer<byte[], byte[]> producer, SchemaRegistryClient registry,
                         NanoClock clock) {
        this(spec, naming, producer, registry, clock, null);
    }

    /** @param metrics where each source's events and latencies are also counted for Prometheus; null: nowhere */
    public LoadGenerator(BenchmarkSpec spec, RunNaming naming, Producer<byte[], byte[]> producer, SchemaRegistryClient registry,
                         NanoClock clock, MeterRegistry metrics) {
        this.spec = spec;
        this.sources = spec.offeredSources();
        this.naming = naming;
        this.producer = producer;
        this.registry = registry;
        this.clock = clock;
        Duration window = Duration.ofSeconds(spec.topology().windowSeconds());
        sources.forEach(s -> counters.add(new SourceCounters(s, window, metrics == null ? SourceMeters.NONE : SourceMeters.of(metrics, s))));
    }

    /**
     * The PostgreSQL CDC sources change rows in (docs/cdc.md); {@code liveSlots} says which of the
     * observatory's replication slots belong to runs still going, so only a dead run's are removed.
     */
    public LoadGenerator withDatabase(javax.sql.DataSource dataSource, String url, java.util.function.Predicate<String> live) {
        this.database = dataSource;
        this.jdbcUrl = url;
        this.liveSlots = live;
        return this;
    }

    public static Properties producerProperties(String bootstrapServers, String clientId, ProducerSettings settings) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, settings.acks());
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(settings.lingerMs()));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(settings.batchSizeBytes()));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compressionType());
        // idempotence keeps retries from duplicating events, which would read as negative loss
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString("all".equals(settings.acks()) || "-1".equals(settings.acks())));
        props.putAll(settings.properties());
        return props;
    }

    public static Producer<byte[], byte[]> kafkaProducer(Properties props) {
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Generates until the end of the run or {@link #stop()}; blocks until every send is acknowledged or failed. */
    public Result run(Consumer<List<SourceCounters>> progress, Duration progressInterval)
            throws InterruptedException, RegistryUnavailableException {
        List<DataSourceSpec> cdcSources = sources.stream().filter(s -> s.dataType() == lab.performance.observatory.core.spec.DataType.CDC).toList();
        if (cdcSources.isEmpty()) {
            return generate(progress, progressInterval, null);
        }
        if (database == null) {
            throw new IllegalArgumentException("cdc sources " + cdcSources.stream().map(DataSourceSpec::name).toList()
                    + " need the PostgreSQL to change rows in, and this generator was given none");
        }
        try (CdcCapture cdc = new CdcCapture(database, jdbcUrl, naming, clock)) {
            return generate(progress, progressInterval, cdc);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Result generate(Consumer<List<SourceCounters>> progress, Duration progressInterval, CdcCapture cdc)
            throws InterruptedException, RegistryUnavailableException {
        // the first send to a topic blocks until its metadata arrives: fetch it before the clock starts
        sources.forEach(s -> producer.partitionsFor(naming.topicOf(s)));
        List<EventFactory> factories = new ArrayList<>();
        List<EventSchedule> schedules = new ArrayList<>();
        Map<String, ProfileFile.Loaded> profiles = new HashMap<>();
        Map<String, byte[]> headers = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            DataSourceSpec source = sources.get(i);
            byte[] header = frameHeader(source);
            headers.put(source.name(), header);
            ReplayTrace trace = source.pattern() instanceof PatternSpec.Replay r ? trace(r, profiles) : null;
            EventSchedule schedule = EventSchedule.of(source, spec.duration(), trace);
            ReplayRate replay = schedule.profile() instanceof ReplayRate rr ? rr : null;
            schedules.add(schedule);
            factories.add(EventFactory.of(source, eventSeed(spec, i), header, replay));
            warmUp(EventFactory.of(source, ~eventSeed(spec, i), header,
                    replay == null ? null : new ReplayRate(replay.trace(), 1, true, 1, 0)));
        }
        List<EventSink> sinks = new ArrayList<>();
        try {
            if (cdc != null) {
                List<Integer> cdcIndexes = new ArrayList<>();
                for (int i = 0; i < sources.size(); i++) {
                    if (sources.get(i).dataType() == lab.performance.observatory.core.spec.DataType.CDC) {
                        cdcIndexes.add(i);
                    }
                }
                cdc.start(cdcIndexes.stream().map(sources::get).toList(), cdcIndexes.stream().map(counters::get).toList(), headers,
                        producer, liveSlots);
            }
            for (int i = 0; i < sources.size(); i++) {
                DataSourceSpec source = sources.get(i);
                sinks.add(source.dataType() == lab.performance.observatory.core.spec.DataType.CDC
                        ? cdc.sink(source, counters.get(i), headers.get(source.name()).length)
                        : new KafkaEventSink(producer, naming.topicOf(source), naming.runId(), counters.get(i), clock));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot prepare the run's cdc sources: " + e.getMessage(), e);
        }
        long epochNow = clock.epochNanos();
        long nanoNow = clock.nanoTime();
        long startNano = nanoNow + START_LEAD.toNanos();
        long startEpoch = epochNow + START_LEAD.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            DataSourceSpec source = sources.get(i);
            SourceSender sender = new SourceSender(schedules.get(i), factories.get(i), sinks.get(i), counters.get(i), clock, startNano,
                    startEpoch);
            senders.add(sender);
            Thread thread = new Thread(sender, "sender-" + source.name());
            threads.add(thread);
        }
        if (stopRequested) {
            senders.forEach(SourceSender::stop);
        }
        threads.forEach(Thread::start);
        long nextProgress = startNano;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                nextProgress += progressInterval.toNanos();
                thread.join(Math.max(1, (nextProgress - clock.nanoTime()) / 1_000_000));
                progress.accept(counters);
            }
        }
        long endEpoch = stopRequested ? clock.epochNanos() : startEpoch + spec.duration().toNanos();
        if (cdc != null && !cdc.awaitForwarded(CDC_DRAIN)) {
            System.err.println("not every committed change of the cdc sources reached its topic within " + CDC_DRAIN
                    + cdc.failure().map(f -> " (the change stream stopped: " + f + ")").orElse(""));
        }
        producer.flush();
        progress.accept(counters);
        return new Result(Instant.ofEpochSecond(0, startEpoch), Instant.ofEpochSecond(0, endEpoch), !stopRequested, counters);
    }

    /** The seed of the events of offered source {@code i}: the same spec sends the same events. */
    static long eventSeed(BenchmarkSpec spec, int i) {
        return spec.seed() * 31 + i;
    }

    /**
     * The trace a replay source plays, from the profile its spec names; refused if the file is not
     * the one the run was planned with (its digest differs).
     */
    static ReplayTrace trace(PatternSpec.Replay replay, Map<String, ProfileFile.Loaded> read) {
        ProfileFile.Loaded loaded = read.get(replay.profile());
        if (loaded == null) {
            try {
                loaded = ProfileFile.read(Path.of(replay.profile()));
            } catch (InvalidProfileException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            read.put(replay.profile(), loaded);
        }
        if (!loaded.sha256().equals(replay.recorded().sha256())) {
            throw new IllegalArgumentException(replay.profile() + ": the profile changed since the run was planned (SHA-256 "
                    + loaded.sha256() + ", planned with " + replay.recorded().sha256() + ")");
        }
        return loaded.profile().trace(replay.stream());
    }

    /**
     * The framing header of a source's events: its schema fingerprint (single-object), or the id
     * the registry gives its schema under the topic's value subject (registry framing).
     */
    private byte[] frameHeader(DataSourceSpec source) throws RegistryUnavailableException {
        WriterSchema writer = EventSchemas.version(source.dataType(), source.schemaVersion());
        if (source.framing().resolve(registry != null) == Framing.SINGLE_OBJECT) {
            return SingleObjectFraming.header(writer.fingerprint());
        }
        if (registry == null) {
            throw new IllegalArgumentException("data source " + source.name() + " uses registry framing but the run has no schema registry");
        }
        return ConfluentFraming.header(registry.register(naming.topicOf(source) + "-value", writer.schema()));
    }

    /**
     * Builds and encodes events that are thrown away, so the event path is compiled before the
     * first scheduled event instead of slipping the schedule while it is (a separately seeded
     * factory: the run's own events stay exactly what the seed says).
     */
    static void warmUp(EventFactory factory) {
        long sink = 0;
        for (int i = 0; i < WARM_UP_EVENTS; i++) {
            sink += factory.next(i).value.length;
        }
        if (sink < 0) {
            throw new IllegalStateException("unreachable: keeps the warm-up from being optimised away");
        }
    }

    /** Asks every sender to stop before its next event. */
    public void stop() {
        stopRequested = true;
        senders.forEach(SourceSender::stop);
    }
}
