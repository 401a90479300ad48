package lab.performance.observatory.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.generator.LoadGenerator;
import lab.performance.observatory.generator.SourceCounters;
import lab.performance.observatory.process.ParentWatch;
import lab.performance.observatory.store.RunStore;
import org.apache.kafka.clients.producer.Producer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A ceiling probe's load as a process of its own, as the run's generators are (docs/measurement.md,
 * "Ceiling"): the run's spec, read from PostgreSQL as the generator reads it, at another total rate
 * and duration, its share {@code instance} of {@code instances}, into the probe's topics. It writes
 * nothing to the database: what the broker acknowledged and when generation started go to a
 * result file, {@code ACKED STARTED_AT}.
 *
 * <p>Arguments: RUN_ID BOOTSTRAP_SERVERS JDBC_URL TOPIC_RUN_ID TOTAL_RATE DURATION INSTANCE INSTANCES RESULT_FILE.
 */
public final class ProbeLoadMain {

    private ProbeLoadMain() {
    }

    public static void main(String[] args) {
        if (args.length != 9) {
            System.err.println("usage: ProbeLoadMain RUN_ID BOOTSTRAP_SERVERS JDBC_URL TOPIC_RUN_ID TOTAL_RATE DURATION INSTANCE INSTANCES RESULT_FILE");
            System.exit(2);
        }
        try {
            ParentWatch.startFromSystemProperty();
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(args[2]);
            BenchmarkSpec spec = new RunStore(dataSource).runs().spec(args[0])
                    .orElseThrow(() -> new IllegalArgumentException("no run " + args[0] + " in the database"))
                    .withTotalRate(Double.parseDouble(args[4])).withDuration(Duration.parse(args[5]))
                    .shareOf(Integer.parseInt(args[6]), Integer.parseInt(args[7]));
            RunNaming naming = new RunNaming(args[3]);
            LoadGenerator.Result result;
            try (Producer<byte[], byte[]> producer = LoadGenerator.kafkaProducer(LoadGenerator.producerProperties(args[1],
                    "obs-ceiling-" + args[3] + "-" + args[6], spec.producer()))) {
                result = new LoadGenerator(spec, naming, producer, null, NanoClock.system()).run(progress -> { }, Duration.ofSeconds(1));
            }
            long acked = result.sources().stream().mapToLong(SourceCounters::acked).sum();
            Files.writeString(Path.of(args[8]), acked + " " + result.startedAt() + "\n", StandardCharsets.UTF_8);
            System.exit(0);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }

    /** What one instance's result file says. */
    record Result(long acked, Instant startedAt) {

        static Result read(Path file) throws java.io.IOException {
            String[] f = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
            if (f.length != 2) {
                throw new java.io.IOException(file + " is not a probe load result");
            }
            return new Result(Long.parseLong(f[0]), Instant.parse(f[1]));
        }
    }
}
