package lab.performance.observatory.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import lab.performance.observatory.core.report.RecordHeaders;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.process.ParentWatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling's raw Kafka reader as a process of its own (docs/measurement.md, "Ceiling"): plain
 * {@code KafkaConsumer}s of one group on the probe's input topics, one thread each, as many as the
 * pipeline has stream threads, each record timed from its intended send time
 * ({@link ProbeLatency}), offsets committed every 100 ms so the caller sees when it has read everything.
 * Prints {@link #READY} once it holds partitions; on SIGTERM writes {@link ProbeLatency.Result#line()}
 * to its result file and leaves.
 *
 * <p>Arguments: BOOTSTRAP_SERVERS GROUP CONSUMERS WARMUP DURATION RESULT_FILE INPUT...
 */
public final class RawConsumerMain {

    static final String READY = "observatory-raw-consumer assigned";

    private RawConsumerMain() {
    }

    /** The pipeline topology's fetch settings: with the client's defaults (an answer per byte) fetching is what gets measured. */
    static Properties properties(String bootstrapServers, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        p.put(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, "100");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "32768");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        return p;
    }

    public static void main(String[] args) {
        if (args.length < 7) {
            System.err.println("usage: RawConsumerMain BOOTSTRAP_SERVERS GROUP CONSUMERS WARMUP DURATION RESULT_FILE INPUT...");
            System.exit(2);
        }
        ParentWatch.startFromSystemProperty();
        int consumers = Integer.parseInt(args[2]);
        ProbeLatency latency = new ProbeLatency(Duration.parse(args[3]), Duration.parse(args[4]), NanoClock.system());
        Path result = Path.of(args[5]);
        List<String> inputs = Arrays.asList(args).subList(6, args.length);
        List<KafkaConsumer<byte[], byte[]>> all = new java.util.ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            all.add(new KafkaConsumer<>(properties(args[0], args[1]), new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        }
        CountDownLatch left = new CountDownLatch(consumers);
        java.util.concurrent.atomic.AtomicInteger assigned = new java.util.concurrent.atomic.AtomicInteger();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(result, latency.result().line() + "\n", StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                e.printStackTrace();
            }
            all.forEach(KafkaConsumer::wakeup);
            try {
                left.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "raw-consumer-stop"));
        for (int i = 0; i < consumers; i++) {
            KafkaConsumer<byte[], byte[]> consumer = all.get(i);
            new Thread(() -> consume(consumer, inputs, latency, assigned, consumers, left), "raw-consumer-" + i).start();
        }
    }

    /** One consumer of the group, as one stream thread of a topology is; the first to hold partitions says so. */
    private static void consume(KafkaConsumer<byte[], byte[]> consumer, List<String> inputs, ProbeLatency latency,
                                java.util.concurrent.atomic.AtomicInteger assigned, int consumers, CountDownLatch left) {
        try {
            consumer.subscribe(inputs);
            boolean holds = false;
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Header intended = record.headers().lastHeader(RecordHeaders.INTENDED);
                    latency.record(intended == null ? null : intended.value());
                }
                if (!holds && !consumer.assignment().isEmpty()) {
                    holds = true;
                    if (assigned.incrementAndGet() == 1) {
                        System.out.println(READY);
                        System.out.flush();
                    }
                }
            }
        } catch (WakeupException stopping) {
            // SIGTERM: the result is written
        } finally {
            consumer.close(Duration.ofSeconds(5));
            left.countDown();
        }
    }
}
