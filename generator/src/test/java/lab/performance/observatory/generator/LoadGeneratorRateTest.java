package lab.performance.observatory.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import lab.performance.observatory.core.report.GeneratorWindow;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.stack.EmbeddedStack;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

/** The generator against the real broker: the rate it plans is the rate it achieves. */
class LoadGeneratorRateTest {

    @Test
    void tenSecondsAtTwentyThousandPerSecondAchievesTheRateWithinOnePercent() throws Exception {
        BenchmarkSpec spec = SpecParser.parse("""
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: rate}
                spec:
                  duration_seconds: 10
                  warmup_seconds: 2
                  data_sources:
                    - {name: ticks, data_type: market_data, generation_rate: 20000}
                """);
        String runId = "rate-" + UUID.randomUUID();
        RunNaming naming = new RunNaming(runId);
        EmbeddedStack stack = EmbeddedStack.get();
        stack.admin().createTopics(List.of(new NewTopic(naming.topicOf(spec.dataSources().get(0)), 1, (short) 1))).all().get();
        try (Producer<byte[], byte[]> producer = LoadGenerator.kafkaProducer(
                LoadGenerator.producerProperties(stack.bootstrapServers(), "rate-test", spec.producer()))) {
            LoadGenerator generator = new LoadGenerator(spec, runId, producer, NanoClock.system());
            LoadGenerator.Result result = generator.run(counters -> { }, Duration.ofSeconds(1));

            SourceCounters ticks = result.sources().get(0);
            assertThat(result.completed()).isTrue();
            assertThat(ticks.sent()).isEqualTo(200_000);
            assertThat(ticks.acked()).isEqualTo(200_000);
            assertThat(ticks.failed()).isZero();
            assertThat(ticks.achievedRate()).as("events/s actually sent").isCloseTo(20_000, org.assertj.core.data.Percentage.withPercentage(1));

            // every event has its slip and publish latency in exactly one window
            Histogram slip = LatencyHistograms.newHistogram();
            Histogram publish = LatencyHistograms.newHistogram();
            for (GeneratorWindow w : ticks.windows()) {
                slip.add(w.slipMicros());
                publish.add(w.publishMicros());
            }
            assertThat(slip.getTotalCount()).isEqualTo(200_000);
            assertThat(publish.getTotalCount()).isEqualTo(200_000);
            System.out.printf("rate test: achieved %.1f events/s, slip p99 %.3f ms, publish p99 %.3f ms%n", ticks.achievedRate(),
                    LatencyHistograms.percentileMillis(slip, 99), LatencyHistograms.percentileMillis(publish, 99));
        }
    }
}
