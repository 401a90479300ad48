package lab.performance.observatory.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import lab.performance.observatory.core.plan.LagScaling;
import lab.performance.observatory.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** What the lifecycle and the operator read of a consumer group, from a real KRaft broker, timed by a clock the test moves. */
class KafkaConsumerGroupsIT {

    /** A clock that moves only when the test says. */
    static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void lagIsEndOffsetsMinusCommittedAndTheRateIsHowFarTheCommitsMovedPerSecond() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        String topic = "lag-" + UUID.randomUUID();
        String group = "group-" + UUID.randomUUID();
        try (Admin admin = stack.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 1000; i++) {
                    producer.send(new ProducerRecord<>(topic, i % 2, null, new byte[] {1}));
                }
            }
            SteppedClock clock = new SteppedClock();
            KafkaConsumerGroups groups = new KafkaConsumerGroups(admin, clock);
            // the group has committed nothing yet: everything is lag, and no rate without a previous look
            LagScaling.Observation first = groups.observe(group, List.of(topic)).orElseThrow();
            assertThat(first.lagRecords()).isEqualTo(1000);
            assertThat(first.consumedPerSecond()).isZero();
            assertThat(first.at()).isEqualTo(clock.instant());

            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(400),
                    new TopicPartition(topic, 1), new OffsetAndMetadata(300))).all().get();
            clock.advance(Duration.ofSeconds(2));
            LagScaling.Observation second = groups.observe(group, List.of(topic)).orElseThrow();
            assertThat(second.lagRecords()).isEqualTo(300);
            // 700 records committed in 2 s
            assertThat(second.consumedPerSecond()).isEqualTo(350.0);
            assertThat(second.lagSeconds()).isCloseTo(300 / 350.0, org.assertj.core.data.Offset.offset(1e-9));

            // nothing moved in the next 5 s: no rate, and a backlog that does not clear
            clock.advance(Duration.ofSeconds(5));
            LagScaling.Observation stalled = groups.observe(group, List.of(topic)).orElseThrow();
            assertThat(stalled.consumedPerSecond()).isZero();
            assertThat(stalled.lagSeconds()).isInfinite();

            assertThat(groups.observe(group, List.of("no-such-topic-" + UUID.randomUUID()))).isEmpty();
        }
    }

    @Test
    void aGroupConsumesAllOnlyOnceAMemberHoldsEveryPartition() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        String topic = "consuming-" + UUID.randomUUID();
        String group = "group-" + UUID.randomUUID();
        try (Admin admin = stack.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            KafkaConsumerGroups groups = new KafkaConsumerGroups(admin, Clock.systemUTC());
            assertThat(groups.consumingAll(group, List.of(topic))).as("no such group yet").isFalse();
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    consumer.poll(Duration.ofMillis(100));
                    return consumer.assignment().size() == 3;
                });
                assertThat(groups.consumingAll(group, List.of(topic))).isTrue();
                // a topic nobody subscribed to is not being consumed
                String other = "other-" + UUID.randomUUID();
                admin.createTopics(List.of(new NewTopic(other, 1, (short) 1))).all().get();
                assertThat(groups.consumingAll(group, List.of(topic, other))).isFalse();
            }
        }
    }
}
