package lab.performance.observatory.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import lab.performance.observatory.observe.MetricsServer;
import lab.performance.observatory.process.ParentWatch;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.schemas.registry.SchemaRegistryClient;
import lab.performance.observatory.store.GeneratorRecords;
import lab.performance.observatory.store.RunStore;
import org.apache.kafka.clients.producer.Producer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The generator as a process: reads the run's spec from PostgreSQL, generates its share of it,
 * records what the broker acknowledged back into PostgreSQL, and reports progress as JSON lines on
 * stdout. SIGTERM stops it early; what was sent is still flushed and recorded. Arguments: see
 * {@link GeneratorArguments}.
 */
public final class GeneratorMain {

    /** How long metrics stay up after the last event, for a 1 s scrape interval to read the final counts. */
    static final Duration METRICS_LINGER = Duration.ofMillis(1500);

    private GeneratorMain() {
    }

    /**
     * Exits 1 on any failure, even one that leaves other threads running (the producer's, the metrics
     * server's): an out-of-memory error in the main thread once left a process that never exited.
     */
    public static void main(String[] args) {
        try {
            generate(args);
        } catch (Throwable t) {
            try {
                t.printStackTrace();
                System.err.flush();
            } finally {
                // printing may fail too (out of memory): exit regardless
                System.exit(1);
            }
        }
    }

    private static void generate(String[] args) throws Exception {
        GeneratorArguments arguments;
        try {
            arguments = GeneratorArguments.parse(List.of(args), System.getenv());
        } catch (GeneratorArguments.BadArguments e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ParentWatch.startFromSystemProperty();
        String runId = arguments.runId();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(arguments.jdbcUrl());
        RunStore runs = new RunStore(dataSource);
        BenchmarkSpec spec = runs.runs().spec(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId + " in the database"))
                .shareOf(arguments.instance(), arguments.instances());

        Producer<byte[], byte[]> producer = LoadGenerator.kafkaProducer(LoadGenerator.producerProperties(arguments.bootstrapServers(),
                "obs-generator-" + runId + "-" + arguments.instance(), spec.producer()));
        SchemaRegistryClient registry = arguments.registryUrl()
                .map(url -> new SchemaRegistryClient(url, SchemaRegistryClient.Settings.DEFAULT, NanoClock.system())).orElse(null);
        RunNaming naming = arguments.naming();
        MetricsServer metrics = arguments.metricsPort().isPresent() ? MetricsServer.start(arguments.metricsHost(), arguments.metricsPort().getAsInt()) : null;
        LoadGenerator generator = new LoadGenerator(spec, naming, producer, registry, NanoClock.system(),
                metrics == null ? null : metrics.registry()).withDatabase(dataSource, arguments.jdbcUrl(), slot -> liveSlot(runs, slot));
        CountDownLatch recorded = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            generator.stop();
            try {
                recorded.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "generator-stop"));

        try {
            WindowFlush flush = new WindowFlush(runs.generators(), runId, arguments.instance(), NanoClock.system());
            LoadGenerator.Result result = generator.run(counters -> {
                print(GeneratorProgress.of(GeneratorProgress.PROGRESS, counters));
                flush.maybe(counters);
            }, Duration.ofSeconds(1));
            List<GeneratorRecords.SourceRecord> sources = new ArrayList<>();
            result.sources().forEach(c -> sources.add(new GeneratorRecords.SourceRecord(c.totals(), naming.topicOf(c.source()))));
            runs.generators().saveTotals(runId, arguments.instance(), sources);
            flush.rest(result.sources());
            runs.runs().recordGenerationStart(runId, result.startedAt());
            runs.runs().recordGenerationEnd(runId, result.endedAt());
            producer.close();
            print(GeneratorProgress.of(GeneratorProgress.DONE, result.sources()));
            if (metrics != null) {
                // the last counts reach a scraper that looks once a second
                Thread.sleep(METRICS_LINGER.toMillis());
                metrics.close();
            }
        } finally {
            recorded.countDown();
        }
    }

    /** Whether a replication slot belongs to a run the store says is still going (so it is no crashed run's leftover). */
    static boolean liveSlot(RunStore runs, String slot) {
        try {
            return runs.runs().find(new lab.performance.observatory.store.RunQuery(null, "running", null, null, 0,
                    lab.performance.observatory.store.RunQuery.MAX_SIZE)).runs().stream()
                    .anyMatch(r -> lab.performance.observatory.cdc.CdcNames.of(r.runId()).slot().equals(slot));
        } catch (java.sql.SQLException e) {
            return true; // cannot tell: leave it
        }
    }

    private static void print(GeneratorProgress progress) {
        System.out.println(progress.toJson());
        System.out.flush();
    }
}
