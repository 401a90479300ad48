package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CountDownLatch;
import lab.performance.observatory.core.replay.LoadProfile;
import lab.performance.observatory.core.replay.ReplayTrace;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.process.FreePorts;
import lab.performance.observatory.schemas.profile.ProfileFile;
import lab.performance.observatory.stack.KafkaBrokerMain;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load profiles on the real stack (docs/load-profiles.md): a plain Kafka producer's topic recorded
 * by {@code record} and replayed with its rates and sizes; a run's profile made with {@code record --from-run} and replayed by a second
 * run, which sends exactly the recorded events and says when its profile ran out.
 */
class LoadProfileIT {

    @TempDir
    Path dir;
    @TempDir
    static Path shared;
    /** One broker for the class (the runs use it with --bootstrap-servers): each test's topics are its own. */
    static ChildProcess broker;
    static String bootstrap;

    @org.junit.jupiter.api.BeforeAll
    static void startBroker() throws Exception {
        broker = ChildJvms.broker(shared.resolve("kafka"), shared.resolve("broker.log"),
                ChildSecrets.Jmx.create(FreePorts.pick(), shared.resolve("secrets")));
        bootstrap = broker.awaitLine(l -> l.startsWith(KafkaBrokerMain.READY), Duration.ofSeconds(90)).substring(KafkaBrokerMain.READY.length());
    }

    @org.junit.jupiter.api.AfterAll
    static void stopBroker() {
        broker.close();
    }

    /**
     * The record command on a topic a plain Kafka producer writes (not the generator), and the round
     * trip: the producer repeats a 7 s shape (600 to 3,000 records/s, values uniform 100-1,200
     * bytes, keys from 50, stamped CreateTime) from before the recording to after it; {@code record}
     * takes 7 s of it, whatever its phase; a run replays the profile with its topic kept, and the
     * topic as written is read back. After the first second each second holds within 2 % of the
     * events of the same second of the recording, and the sizes pass a two-sample
     * Kolmogorov-Smirnov test at 0.01.
     */
    @Test
    void aPlainProducersTopicIsRecordedAndReplayedWithItsRatesAndSizes() throws Exception {
        long[] shape = {600, 1800, 3000, 1200, 2400, 900, 1500};
        long perCycle = java.util.Arrays.stream(shape).sum();
        {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("plain", 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            CliHarness.Result noTopic = CliHarness.run("record", "--bootstrap-servers", bootstrap, "--topic", "absent", "--duration", "1s",
                    "--out", dir.resolve("x.avro").toString());
            assertThat(noTopic.exitCode()).isEqualTo(CliException.BAD_INPUT);
            assertThat(noTopic.err()).contains("--topic absent: no such topic on " + bootstrap);

            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch upToSpeed = new CountDownLatch(3_000);
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                java.util.SplittableRandom random = new java.util.SplittableRandom(20261203);
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                    long start = System.nanoTime();
                    for (int s = 0; !stop.get(); s++) {
                        long rate = shape[s % shape.length];
                        for (long i = 0; i < rate && !stop.get(); i++) {
                            long due = start + s * 1_000_000_000L + i * 1_000_000_000L / rate;
                            while (System.nanoTime() < due) {
                                java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                            }
                            producer.send(new ProducerRecord<>("plain", ("k" + random.nextInt(50)).getBytes(), new byte[100 + random.nextInt(1101)]));
                            upToSpeed.countDown();
                        }
                    }
                }
            });
            assertThat(upToSpeed.await(30, TimeUnit.SECONDS)).isTrue(); // the producer is up to speed before the recording starts
            Path original = dir.resolve("profiles/plain.profile.avro");
            CliHarness.Result recorded = CliHarness.run("record", "--bootstrap-servers", bootstrap, "--topic", "plain", "--duration", "7s",
                    "--out", original.toString());
            stop.set(true);
            producing.get(30, TimeUnit.SECONDS);
            assertThat(recorded.exitCode()).as(recorded.err()).isZero();
            assertThat(recorded.err()).contains("Recording plain (3 partitions)");
            assertThat(recorded.out()).contains("Profile " + original).contains("events in 7.0 s");

            LoadProfile profile = ProfileFile.read(original).profile();
            ReplayTrace originalTrace = profile.trace("plain");
            assertThat(profile.kinds()).isEmpty(); // plain bytes: the kind cannot be told
            assertThat(originalTrace.distinctKeys()).isEqualTo(50);
            assertThat(originalTrace.summary().minBytes()).isGreaterThanOrEqualTo(100);
            assertThat(originalTrace.summary().maxBytes()).isLessThanOrEqualTo(1200);
            // 7 s of a 7 s cycle hold one cycle's records, whatever the phase: the timing was captured
            assertThat((double) originalTrace.events()).isCloseTo(perCycle, org.assertj.core.data.Percentage.withPercentage(2));

            Path replay = dir.resolve("replay.yaml");
            Files.writeString(replay, """
                    apiVersion: performance.lab/v1
                    kind: PipelineBenchmark
                    metadata: {name: round-trip}
                    spec:
                      duration_seconds: 9
                      warmup_seconds: 1
                      data_sources:
                        - name: logs
                          data_type: log_event
                          pattern: {type: replay, profile: profiles/plain.profile.avro}
                    """);
            CliHarness.Result run = CliHarness.run("run", replay.toString(), "--bootstrap-servers", bootstrap, "--data-dir",
                    dir.resolve("data").toString(), "--run-id", "round-trip-1", "--keep-topics", "--no-profile");
            assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
            ReplayTrace copyTrace = keptTopic(bootstrap, new lab.performance.observatory.core.report.RunNaming("round-trip-1").topicOf("logs"));
            assertThat(copyTrace.events()).isEqualTo(originalTrace.events());
            assertThat(copyTrace.distinctKeys()).isEqualTo(originalTrace.distinctKeys());

            lab.performance.observatory.core.replay.ProfileComparison c =
                    lab.performance.observatory.core.replay.ProfileComparison.of(originalTrace, copyTrace, 1);
            System.out.println("round trip: " + c.describe());
            assertThat(c.seconds()).as(c.describe()).isEqualTo(5);
            assertThat(c.maxRateDeviation()).as(c.describe()).isLessThanOrEqualTo(0.02);
            assertThat(c.sizeKsPValue()).as(c.describe()).isGreaterThan(0.01);
        }
    }

    /** A topic as it was written: every record's timestamp, value size and key, from the beginning to the end offsets. */
    static ReplayTrace keptTopic(String bootstrap, String topic) {
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrap), new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = new java.util.HashMap<>(consumer.endOffsets(partitions));
            lab.performance.observatory.core.replay.ProfileBuilder builder = new lab.performance.observatory.core.replay.ProfileBuilder();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            while (!end.isEmpty()) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    builder.add(r.timestamp() * 1_000_000L, r.value().length, lab.performance.observatory.core.replay.ProfileBuilder.keyHash(r.key()),
                            topic, null);
                    first = Math.min(first, r.timestamp());
                    last = Math.max(last, r.timestamp());
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            return builder.build(first * 1_000_000L, (last - first + 1) * 1_000_000L, 1_000_000L, "topic " + topic, 0).profile().trace(null);
        }
    }

    @Test
    void aRunsProfileReplaysAsTheSameEvents() throws Exception {
        Path data = dir.resolve("data");
        Path spec = dir.resolve("shape.yaml");
        Files.writeString(spec, """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: shape}
                spec:
                  duration_seconds: 6
                  warmup_seconds: 1
                  data_sources:
                    - name: logs
                      data_type: log_event
                      generation_rate: 300
                      pattern: {type: bursty, burst_multiplier: 4, burst_seconds: 1, quiet_seconds: 2}
                      size_distribution: {min_bytes: 150, max_bytes: 900, distribution: uniform}
                """);
        CliHarness.Result first = CliHarness.run("run", spec.toString(), "--data-dir", data.toString(), "--bootstrap-servers", bootstrap,
                "--no-profile");
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode report = onlyReport(data);
        long generated = report.at("/events/generated").asLong();
        assertThat(generated).isPositive();

        Path profileFile = dir.resolve("profiles/shape.profile.avro");
        CliHarness.Result made = CliHarness.run("record", "--from-run", report.get("run_id").asText(), "--data-dir", data.toString(),
                "--out", profileFile.toString());
        assertThat(made.exitCode()).as(made.err()).isZero();
        LoadProfile profile = ProfileFile.read(profileFile).profile();
        assertThat(profile.events()).isEqualTo(generated);
        assertThat(profile.kinds()).containsExactly("log_event");
        assertThat(profile.streams()).containsExactly("logs");
        long[] perSecond = profile.trace(null).perSecond();
        // the bursts are in the profile: 1,200 in a burst second, 300 in a quiet one
        assertThat(perSecond[0]).isBetween(299L, 301L);
        assertThat(perSecond[2]).isBetween(1199L, 1201L);

        Path replay = dir.resolve("replay.yaml");
        Files.writeString(replay, """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: replayed}
                spec:
                  duration_seconds: 8
                  warmup_seconds: 1
                  data_sources:
                    - name: logs
                      data_type: log_event
                      pattern: {type: replay, profile: profiles/shape.profile.avro}
                """);
        CliHarness.Result second = CliHarness.run("run", replay.toString(), "--data-dir", data.toString(), "--bootstrap-servers", bootstrap,
                "--no-profile");
        assertThat(second.exitCode()).as(second.err()).isIn(0, 1);
        JsonNode replayed = reportOf(data, "replayed");
        assertThat(replayed.at("/events/generated").asLong()).isEqualTo(generated);
        assertThat(replayed.at("/events/lost").asLong()).isZero();
        assertThat(replayed.get("notes").get(0).asText()).contains("source logs: its profile ran out after 6.0 s of the 8.0 s run");
        assertThat(second.out()).contains("Note: source logs: its profile ran out");
        assertThat(replayed.at("/spec/spec/data_sources/0/pattern/recorded/events").asLong()).isEqualTo(generated);

        Files.writeString(dir.resolve("bad.yaml"), Files.readString(replay).replace("profiles/shape.profile.avro", "profiles/none.avro"));
        CliHarness.Result missing = CliHarness.run("run", dir.resolve("bad.yaml").toString(), "--data-dir", data.toString());
        assertThat(missing.exitCode()).isEqualTo(CliException.BAD_INPUT);
        assertThat(missing.err()).contains("spec.data_sources[0].pattern.profile: " + dir.resolve("profiles/none.avro") + ": no such load profile");
        Files.writeString(dir.resolve("slow.yaml"), Files.readString(replay).replace("profile: profiles/shape.profile.avro", "profile: profiles/shape.profile.avro, speed: 0"));
        CliHarness.Result zero = CliHarness.run("run", dir.resolve("slow.yaml").toString(), "--data-dir", data.toString());
        assertThat(zero.exitCode()).isEqualTo(CliException.BAD_INPUT);
        assertThat(zero.err()).contains("pattern.speed");
    }

    private static JsonNode onlyReport(Path data) throws Exception {
        return reportOf(data, "shape");
    }

    private static JsonNode reportOf(Path data, String benchmark) throws Exception {
        try (var runs = Files.list(data.resolve("runs"))) {
            for (Path run : runs.toList()) {
                Path report = run.resolve("report.json");
                if (Files.exists(report)) {
                    JsonNode node = new ObjectMapper().readTree(report.toFile());
                    if (benchmark.equals(node.get("benchmark").asText())) {
                        return node;
                    }
                }
            }
        }
        throw new AssertionError("no report of " + benchmark + " under " + data);
    }
}
