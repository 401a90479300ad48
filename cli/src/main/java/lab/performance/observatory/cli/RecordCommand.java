package lab.performance.observatory.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import lab.performance.observatory.core.replay.LoadProfile;
import lab.performance.observatory.core.replay.ProfileBuilder;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.generator.PlannedEvents;
import lab.performance.observatory.schemas.profile.ProfileFile;
import lab.performance.observatory.store.RunStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "record", description = {
        "Records a load profile (docs/load-profiles.md): the arrival pattern of live topics on any Kafka cluster (record timestamps, "
                + "value sizes, keys as hashes, event kinds; never payloads), or with --from-run the events a stored run sent.",
        "Replay it with a data source's pattern {type: replay, profile: FILE}."})
final class RecordCommand implements Callable<Integer> {

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "A topic to record (repeat for several).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationText.class, description = "How long to record, e.g. 60s or 5m.")
    Duration duration;

    @Option(names = "--consumer-config", paramLabel = "FILE",
            description = "Kafka consumer properties (security.protocol, sasl.*, ssl.*) for the cluster recorded from.")
    Path consumerConfig;

    @Option(names = "--from-run", paramLabel = "RUN_ID", description = "Make the profile from a stored run instead: its events, made again from its spec and seed.")
    String fromRun;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The profile file to write (Avro object container, e.g. traffic.profile.avro).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path target = out.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw CliException.badInput("--out " + out + ": is a directory; name the profile file to write");
        }
        LoadProfile profile = fromRun != null ? fromRun() : live();
        try {
            ProfileFile.write(profile, target);
        } catch (IOException e) {
            throw CliException.badInput("--out " + out + ": cannot write: " + e.getMessage());
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Profile %s (%,d bytes, format version %d)%n", target, Files.size(target), LoadProfile.VERSION));
        text.append(profile.trace(null).summary().text()).append(System.lineSeparator());
        long[] perStream = profile.eventsPerStream();
        for (int s = 0; s < perStream.length; s++) {
            text.append(String.format(Locale.ROOT, "  stream %-40s %,12d events%n", profile.streams().get(s), perStream[s]));
        }
        parent.console.result(text.toString());
        return 0;
    }

    private LoadProfile live() {
        if (topics.isEmpty()) {
            throw CliException.badInput("name a topic to record with --topic TOPIC (or make a profile from a stored run with --from-run RUN_ID)");
        }
        if (duration == null) {
            throw CliException.badInput("--duration is required: how long to record, e.g. 60s");
        }
        String bootstrap = stack.bootstrapServers();
        if (bootstrap == null) {
            throw CliException.badInput("--bootstrap-servers HOST:PORT is required: the cluster whose topics to record");
        }
        Properties props = consumerProperties(bootstrap);
        NanoClock clock = NanoClock.system();
        ProfileBuilder builder = new ProfileBuilder();
        long start;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicRecorder recorder = new TopicRecorder(consumer, clock);
            List<TopicPartition> partitions;
            try {
                partitions = recorder.partitions(topics, bootstrap);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw CliException.infrastructure("cannot reach Kafka at " + bootstrap + ": " + e.getMessage(), e);
            }
            parent.console.step(String.format(Locale.ROOT, "Recording %s (%d partitions) on %s for %s", String.join(", ", topics),
                    partitions.size(), bootstrap, duration));
            start = recorder.record(partitions, duration, builder, p -> parent.console.progress(String.format(Locale.ROOT,
                    "recording %3.0f / %.0f s: %,d events, %,.0f events/s now", p.elapsedSeconds(), p.totalSeconds(), p.events(), p.eventsPerSecond())));
        }
        parent.console.endProgress();
        ProfileBuilder.Built built = builder.build(start, duration.toNanos(), 1_000_000L,
                "kafka " + bootstrap + " topics " + String.join(",", topics), clock.epochNanos() / 1_000_000);
        if (built.outside() > 0) {
            parent.console.step(String.format(Locale.ROOT, "%,d records had timestamps outside the recording's %s and were left out "
                    + "(written with earlier timestamps, or a producer clock off)", built.outside(), duration));
        }
        return built.profile();
    }

    private Properties consumerProperties(String bootstrap) {
        Properties props = new Properties();
        if (consumerConfig != null) {
            try (InputStream in = Files.newInputStream(consumerConfig)) {
                props.load(in);
            } catch (IOException e) {
                throw CliException.badInput("--consumer-config " + consumerConfig + ": cannot read: " + e.getMessage());
            }
        }
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "observatory-recorder");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return props;
    }

    private static long clockMillis() {
        return NanoClock.system().epochNanos() / 1_000_000;
    }

    private LoadProfile fromRun() throws SQLException {
        if (!topics.isEmpty() || duration != null || consumerConfig != null) {
            throw CliException.badInput("--from-run makes the profile from the stored run: it does not take --topic, --duration or --consumer-config");
        }
        try (Infrastructure infrastructure = Infrastructure.start(stack, false, stack.dataDir().resolve("logs"), parent.console.withoutSteps())) {
            RunStore store = new RunStore(infrastructure.dataSource());
            Optional<RunFacts> facts = store.runs().facts(fromRun);
            if (facts.isEmpty()) {
                throw CliException.badInput("--from-run: no run " + fromRun + " (observatory runs lists them)");
            }
            Map<String, Long> sent = new LinkedHashMap<>();
            for (SourceTotals t : store.generators().totals(fromRun)) {
                sent.put(t.source(), t.sent());
            }
            if (sent.values().stream().mapToLong(Long::longValue).sum() == 0) {
                throw CliException.badInput("--from-run: run " + fromRun + " sent no events (it ended " + facts.get().status() + ")");
            }
            parent.console.step(String.format(Locale.ROOT, "Making the events of run %s again from its spec (%,d events)", fromRun,
                    sent.values().stream().mapToLong(Long::longValue).sum()));
            try {
                return PlannedEvents.profile(facts.get().spec(), sent, false, "run " + fromRun, clockMillis(),
                        made -> parent.console.progress(String.format(Locale.ROOT, "%,d events made", made)));
            } catch (IllegalArgumentException e) {
                throw CliException.badInput("--from-run " + fromRun + ": " + e.getMessage());
            }
        }
    }
}
