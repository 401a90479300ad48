package lab.performance.observatory.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lab.performance.observatory.core.replay.ProfileBuilder;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.schemas.profile.EventKinds;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Records the arrival pattern of live topics (docs/load-profiles.md, "Recording"): every partition
 * assigned (no consumer group, so nothing of anyone's offsets moves), positioned at its end, then
 * each record that arrives for the duration is noted by timestamp, value size, a hash of its key
 * and its kind. At the end it reads on to the end offsets of that instant, so records written before
 * the end but not yet fetched count too. Payloads are never kept.
 */
final class TopicRecorder {

    /** How long reading on to the end offsets may take after the recording's end. */
    static final Duration CATCH_UP = Duration.ofSeconds(15);

    /** What one progress report says. */
    record Progress(double elapsedSeconds, double totalSeconds, long events, double eventsPerSecond) {
    }

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final NanoClock clock;

    TopicRecorder(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, NanoClock clock) {
        this.consumer = consumer;
        this.clock = clock;
    }

    /** The partitions of each topic; a topic that does not exist is bad input. */
    List<TopicPartition> partitions(List<String> topics, String bootstrapServers) {
        List<TopicPartition> out = new ArrayList<>();
        Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(30));
        for (String topic : topics) {
            List<PartitionInfo> infos = all.get(topic);
            if (infos == null || infos.isEmpty()) {
                throw CliException.badInput("--topic " + topic + ": no such topic on " + bootstrapServers);
            }
            infos.forEach(p -> out.add(new TopicPartition(topic, p.partition())));
        }
        return out;
    }

    /**
     * Records for {@code duration}; {@code builder} receives every event, {@code progress} a report
     * about once a second. Returns the epoch instant (ns) the recording started at.
     */
    long record(List<TopicPartition> partitions, Duration duration, ProfileBuilder builder, Consumer<Progress> progress) {
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the seek now, so the recording starts at this instant
        partitions.stream().map(TopicPartition::topic).distinct().forEach(builder::stream);
        long startNano = clock.nanoTime();
        long startEpoch = clock.epochNanos();
        long endNano = startNano + duration.toNanos();
        long nextProgress = startNano + 1_000_000_000L;
        long events = 0;
        long lastEvents = 0;
        long lastNano = startNano;
        while (clock.nanoTime() < endNano) {
            long remaining = Math.max(1, (endNano - clock.nanoTime()) / 1_000_000);
            events += take(consumer.poll(Duration.ofMillis(Math.min(200, remaining))), builder);
            long now = clock.nanoTime();
            if (now >= nextProgress) {
                progress.accept(new Progress((now - startNano) / 1e9, duration.toNanos() / 1e9, events,
                        (events - lastEvents) / ((now - lastNano) / 1e9)));
                lastEvents = events;
                lastNano = now;
                nextProgress += 1_000_000_000L;
            }
        }
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
        long catchUpEnd = clock.nanoTime() + CATCH_UP.toNanos();
        while (!end.isEmpty() && clock.nanoTime() < catchUpEnd) {
            end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            if (!end.isEmpty()) {
                events += take(consumer.poll(Duration.ofMillis(200)), builder);
            }
        }
        return startEpoch;
    }

    private static long take(ConsumerRecords<byte[], byte[]> records, ProfileBuilder builder) {
        long n = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            byte[] value = r.value();
            builder.add(r.timestamp() * 1_000_000L, value == null ? 0 : value.length, ProfileBuilder.keyHash(r.key()), r.topic(), EventKinds.of(value));
            n++;
        }
        return n;
    }
}
