package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Consumer lag as the operator reads it, from a real KRaft broker. */
class KafkaConsumerLagTest {

    @Test
    void lagIsEndOffsetsMinusCommittedAndTheRateFollowsTheCommits() throws Exception {
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
            KafkaConsumerLag lag = new KafkaConsumerLag();
            try {
                // the group has committed nothing yet: everything is lag, and no rate without a previous observation
                LagScaling.Observation first = lag.observe(stack.bootstrapServers(), group, List.of(topic)).orElseThrow();
                assertThat(first.lagRecords()).isEqualTo(1000);
                assertThat(first.consumedPerSecond()).isZero();

                admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(400),
                        new TopicPartition(topic, 1), new OffsetAndMetadata(300))).all().get();
                LagScaling.Observation second = lag.observe(stack.bootstrapServers(), group, List.of(topic)).orElseThrow();
                assertThat(second.lagRecords()).isEqualTo(1000 - 700);
                assertThat(second.consumedPerSecond()).isPositive();
                assertThat(second.lagSeconds()).isFinite().isPositive();

                assertThat(lag.observe(stack.bootstrapServers(), group, List.of("no-such-topic-" + UUID.randomUUID()))).isEmpty();
            } finally {
                lag.close();
            }
        }
    }

    @Test
    void aGroupConsumesAllOnlyOnceAMemberHoldsEveryPartition() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        String topic = "consuming-" + UUID.randomUUID();
        String group = "group-" + UUID.randomUUID();
        try (Admin admin = stack.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        KafkaConsumerLag lag = new KafkaConsumerLag();
        try {
            assertThat(lag.consumingAll(stack.bootstrapServers(), group, List.of(topic))).as("no such group yet").isFalse();
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topic));
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (consumer.assignment().size() < 3 && System.nanoTime() < deadline) {
                    consumer.poll(java.time.Duration.ofMillis(100));
                }
                assertThat(consumer.assignment()).hasSize(3);
                assertThat(lag.consumingAll(stack.bootstrapServers(), group, List.of(topic))).isTrue();
                // a topic nobody subscribed to is not being consumed
                try (Admin admin = stack.admin()) {
                    String other = "other-" + UUID.randomUUID();
                    admin.createTopics(List.of(new NewTopic(other, 1, (short) 1))).all().get();
                    assertThat(lag.consumingAll(stack.bootstrapServers(), group, List.of(topic, other))).isFalse();
                }
            }
        } finally {
            lag.close();
        }
    }
}
