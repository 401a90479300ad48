package lab.performance.observatory.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import lab.performance.observatory.core.report.RecordHeaders;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.process.ParentWatch;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The ceiling's pass-through topology (docs/measurement.md, "Ceiling"): Kafka Streams reading the
 * run's input topics and forwarding every record unchanged (key, value and headers as bytes, no
 * decoding, no state) to one output topic, with the consumer settings the pipeline's topology runs
 * with, so that what it costs is Kafka Streams' own share of the pipeline's. Each record's latency
 * from its intended send time is taken as it passes, where the pipeline takes its own.
 *
 * <p>As a process ({@link #main}): runs until SIGTERM, prints {@link #READY} once running and
 * {@link ProbeLatency.Result#line()} to {@link #resultFile} when it stops.
 */
public final class PassThroughTopology {

    static final String READY = "observatory-pass-through running";

    /** Where a pass-through JVM leaves its {@link ProbeLatency.Result#line()} as it stops: in its state directory. */
    static java.nio.file.Path resultFile(String stateDir) {
        return java.nio.file.Path.of(stateDir, "observatory-result");
    }

    private PassThroughTopology() {
    }

    /** Inputs to output, every record as it came, each timed into {@code latency} on the way. */
    static Topology build(List<String> inputs, String output, ProbeLatency latency) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .processValues(() -> new Timed(latency))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    /** The pipeline topology's consumer settings (topology/application.properties), Streams' defaults otherwise. */
    static Properties properties(String bootstrapServers, String applicationId, int threads, String guarantee, String stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        p.put(StreamsConfig.consumerPrefix("max.poll.records"), "1000");
        p.put(StreamsConfig.consumerPrefix("fetch.min.bytes"), "32768");
        p.put(StreamsConfig.consumerPrefix("fetch.max.wait.ms"), "10");
        return p;
    }

    private static final class Timed implements FixedKeyProcessor<byte[], byte[], byte[]> {
        private final ProbeLatency latency;
        private FixedKeyProcessorContext<byte[], byte[]> context;

        Timed(ProbeLatency latency) {
            this.latency = latency;
        }

        @Override
        public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> record) {
            Header intended = record.headers().lastHeader(RecordHeaders.INTENDED);
            latency.record(intended == null ? null : intended.value());
            context.forward(record);
        }
    }

    /**
     * Arguments: bootstrap servers, application id, output topic, stream threads, processing guarantee,
     * state directory, warm-up and duration (ISO-8601 durations), then the input topics.
     */
    public static void main(String[] args) {
        if (args.length < 9) {
            System.err.println("usage: PassThroughTopology BOOTSTRAP APP_ID OUTPUT THREADS GUARANTEE STATE_DIR WARMUP DURATION INPUT...");
            System.exit(2);
        }
        ParentWatch.startFromSystemProperty();
        ProbeLatency latency = new ProbeLatency(Duration.parse(args[6]), Duration.parse(args[7]), NanoClock.system());
        List<String> inputs = Arrays.asList(args).subList(8, args.length);
        KafkaStreams streams = new KafkaStreams(build(inputs, args[2], latency),
                properties(args[0], args[1], Integer.parseInt(args[3]), args[4], args[5]));
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println(READY);
                System.out.flush();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            e.printStackTrace();
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // what was measured first: the caller stops it once every record is through, and the close may not finish;
            // to a file, as what a dying JVM writes to its stdout pipe can be lost
            String line = latency.result().line();
            try {
                java.nio.file.Files.writeString(resultFile(args[5]), line + "\n");
            } catch (java.io.IOException e) {
                e.printStackTrace();
            }
            System.err.println(line);
            try {
                streams.close(Duration.ofSeconds(20));
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }, "pass-through-stop"));
        streams.start();
    }
}
