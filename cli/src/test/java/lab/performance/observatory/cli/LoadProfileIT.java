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
 * by {@code record}, and replayed with its rates and sizes; a run's profile made with {@code record --from-run} and replayed by a second
 * run, which sends exactly the recorded events and says when its profile ran out.
 */
class LoadProfileIT {

    @TempDir
    Path dir;

    @Test
    void recordsTheTimingOfATopicAPlainProducerWrites() throws Exception {
        try (ChildProcess broker = ChildJvms.broker(dir.resolve("kafka"), dir.resolve("broker.log"), FreePorts.pick())) {
            String ready = broker.awaitLine(l -> l.startsWith(KafkaBrokerMain.READY), Duration.ofSeconds(90));
            String bootstrap = ready.substring(KafkaBrokerMain.READY.length());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("plain", 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch upToSpeed = new CountDownLatch(600);
            // 400 records/s of 300 bytes, keys from 25, stamped by the producer (CreateTime)
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                    long start = System.nanoTime();
                    for (long k = 0; !stop.get(); k++) {
                        long due = start + k * 2_500_000L;
                        while (System.nanoTime() < due) {
                            java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                        }
                        producer.send(new ProducerRecord<>("plain", ("k" + k % 25).getBytes(), new byte[300]));
                        upToSpeed.countDown();
                    }
                }
            });
            assertThat(upToSpeed.await(30, TimeUnit.SECONDS)).isTrue(); // the producer is up to speed before the recording starts
            Path out = dir.resolve("plain.profile.avro");
            CliHarness.Result recorded = CliHarness.run("record", "--bootstrap-servers", bootstrap, "--topic", "plain", "--duration", "5s",
                    "--out", out.toString());
            stop.set(true);
            producing.get(30, TimeUnit.SECONDS);
            assertThat(recorded.exitCode()).as(recorded.err()).isZero();
            assertThat(recorded.err()).contains("Recording plain (3 partitions)");
            assertThat(recorded.out()).contains("Profile " + out).contains("events in 5.0 s");

            LoadProfile profile = ProfileFile.read(out).profile();
            ReplayTrace trace = profile.trace("plain");
            assertThat(profile.kinds()).isEmpty(); // plain bytes: the kind cannot be told
            assertThat(trace.distinctKeys()).isEqualTo(25);
            assertThat(trace.summary().minBytes()).isEqualTo(300);
            assertThat(trace.summary().maxBytes()).isEqualTo(300);
            long[] perSecond = trace.perSecond();
            assertThat(perSecond).hasSize(5);
            for (long c : perSecond) {
                assertThat(c).as("events in one second of %s", java.util.Arrays.toString(perSecond)).isBetween(340L, 460L);
            }

            CliHarness.Result noTopic = CliHarness.run("record", "--bootstrap-servers", bootstrap, "--topic", "absent", "--duration", "1s",
                    "--out", dir.resolve("x.avro").toString());
            assertThat(noTopic.exitCode()).isEqualTo(CliException.BAD_INPUT);
            assertThat(noTopic.err()).contains("--topic absent: no such topic on " + bootstrap);
        }
    }

    /**
     * The round trip on the real broker: a plain producer's shaped traffic (rates 600 to 3,000 events/s,
     * sizes uniform 100-1,200 bytes) is recorded, replayed by a run, and the run's topic is recorded
     * in turn as it is written. After the first second each second holds within 2 % of the events of
     * the same second of the original, and the sizes pass a two-sample Kolmogorov-Smirnov test at 0.01.
     */
    @Test
    void aRecordedTopicReplaysWithItsRatesAndSizes() throws Exception {
        long[] shape = {600, 1800, 3000, 1200, 2400, 900, 1500};
        try (ChildProcess broker = ChildJvms.broker(dir.resolve("kafka"), dir.resolve("broker.log"), FreePorts.pick())) {
            String ready = broker.awaitLine(l -> l.startsWith(KafkaBrokerMain.READY), Duration.ofSeconds(90));
            String bootstrap = ready.substring(KafkaBrokerMain.READY.length());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("shaped", 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            // the recorder the record command uses, started first; the producer goes once it is under way
            CountDownLatch recording = new CountDownLatch(1);
            CompletableFuture<LoadProfile> original = recordAsync(bootstrap, "shaped", Duration.ofSeconds(10), recording);
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.partitionsFor("shaped");
                assertThat(recording.await(60, TimeUnit.SECONDS)).isTrue();
                java.util.SplittableRandom random = new java.util.SplittableRandom(20261203);
                long start = System.nanoTime();
                for (int s = 0; s < shape.length; s++) {
                    for (long i = 0; i < shape[s]; i++) {
                        long due = start + s * 1_000_000_000L + i * 1_000_000_000L / shape[s];
                        while (System.nanoTime() < due) {
                            java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                        }
                        producer.send(new ProducerRecord<>("shaped", ("k" + random.nextInt(50)).getBytes(), new byte[100 + random.nextInt(1101)]));
                    }
                }
            }
            Path originalFile = dir.resolve("profiles/shaped.profile.avro");
            Files.createDirectories(originalFile.getParent());
            ProfileFile.write(original.get(1, TimeUnit.MINUTES), originalFile);
            ReplayTrace originalTrace = ProfileFile.read(originalFile).profile().trace(null);
            assertThat(originalTrace.events()).isEqualTo(java.util.Arrays.stream(shape).sum());

            Path replay = dir.resolve("replay.yaml");
            Files.writeString(replay, """
                    apiVersion: performance.lab/v1
                    kind: PipelineBenchmark
                    metadata: {name: round-trip}
                    spec:
                      duration_seconds: 12
                      warmup_seconds: 1
                      data_sources:
                        - name: logs
                          data_type: log_event
                          pattern: {type: replay, profile: profiles/shaped.profile.avro}
                    """);
            // the replay's topic, recorded as the run writes it (by the recorder the record command uses)
            String topic = new lab.performance.observatory.core.report.RunNaming("round-trip-1").topicOf("logs");
            CompletableFuture<LoadProfile> copy = CompletableFuture.supplyAsync(() -> {
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                    org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                            .until(() -> admin.listTopics().names().get().contains(topic));
                }
                return topic;
            }).thenCompose(t -> recordAsync(bootstrap, t, Duration.ofSeconds(40), new CountDownLatch(1))); // start-up, then the 7 s it holds
            CliHarness.Result run = CliHarness.run("run", replay.toString(), "--bootstrap-servers", bootstrap, "--data-dir",
                    dir.resolve("data").toString(), "--run-id", "round-trip-1", "--keep-topics", "--no-profile");
            assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
            ReplayTrace copyTrace = copy.get(3, TimeUnit.MINUTES).trace(null);
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
        CliHarness.Result first = CliHarness.run("run", spec.toString(), "--data-dir", data.toString(), "--no-profile");
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
        CliHarness.Result second = CliHarness.run("run", replay.toString(), "--data-dir", data.toString(), "--no-profile");
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

    /**
     * Records {@code topic} for {@code duration} on a thread of its own with the record command's
     * recorder; {@code started} opens once the recording is positioned at the topic's end and running.
     */
    static CompletableFuture<LoadProfile> recordAsync(String bootstrap, String topic, Duration duration, CountDownLatch started) {
        return CompletableFuture.supplyAsync(() -> {
            try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                    Map.of("bootstrap.servers", bootstrap), new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                TopicRecorder recorder = new TopicRecorder(consumer, lab.performance.observatory.core.time.NanoClock.system());
                lab.performance.observatory.core.replay.ProfileBuilder builder = new lab.performance.observatory.core.replay.ProfileBuilder();
                long start = recorder.record(recorder.partitions(List.of(topic), bootstrap), duration, builder, p -> started.countDown());
                return builder.build(start, duration.toNanos(), 1_000_000L, "test", 0).profile();
            }
        });
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
