package lab.performance.observatory.generator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import lab.performance.observatory.core.lifecycle.ParentWatch;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.schemas.registry.SchemaRegistryClient;
import lab.performance.observatory.store.RunStore;
import org.apache.kafka.clients.producer.Producer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The generator as a process: reads the run's spec from PostgreSQL, generates it, records what the
 * broker acknowledged back into PostgreSQL, and reports progress as JSON lines on stdout. SIGTERM
 * stops it early; what was sent is still flushed and recorded.
 *
 * <pre>GeneratorMain RUN_ID BOOTSTRAP_SERVERS JDBC_URL [REGISTRY_URL]</pre>
 */
public final class GeneratorMain {

    private GeneratorMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: GeneratorMain RUN_ID BOOTSTRAP_SERVERS JDBC_URL [REGISTRY_URL]");
            System.exit(2);
        }
        ParentWatch.startFromSystemProperty();
        String runId = args[0];
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(args[2]);
        RunStore runs = new RunStore(dataSource);
        BenchmarkSpec spec = runs.spec(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId + " in the database"));

        Producer<byte[], byte[]> producer = LoadGenerator.kafkaProducer(
                LoadGenerator.producerProperties(args[1], "obs-generator-" + runId, spec.producer()));
        SchemaRegistryClient registry = args.length == 4
                ? new SchemaRegistryClient(URI.create(args[3]), SchemaRegistryClient.Settings.DEFAULT, NanoClock.system()) : null;
        LoadGenerator generator = new LoadGenerator(spec, runId, producer, registry, NanoClock.system());
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
            LoadGenerator.Result result = generator.run(
                    counters -> print(GeneratorProgress.of(GeneratorProgress.PROGRESS, counters)), Duration.ofSeconds(1));
            RunNaming naming = new RunNaming(runId);
            List<RunStore.SourceRecord> sources = new ArrayList<>();
            result.sources().forEach(c -> sources.add(new RunStore.SourceRecord(c.totals(), naming.topicOf(c.source()))));
            runs.saveSourceTotals(runId, sources);
            List<lab.performance.observatory.core.report.GeneratorWindow> windows = new ArrayList<>();
            result.sources().forEach(c -> windows.addAll(c.windows()));
            runs.saveGeneratorWindows(runId, windows);
            runs.recordGenerationStart(runId, result.startedAt());
            runs.recordGenerationEnd(runId, result.endedAt());
            producer.close();
            print(GeneratorProgress.of(GeneratorProgress.DONE, result.sources()));
        } finally {
            recorded.countDown();
        }
    }

    private static void print(GeneratorProgress progress) {
        System.out.println(progress.toJson());
        System.out.flush();
    }
}
