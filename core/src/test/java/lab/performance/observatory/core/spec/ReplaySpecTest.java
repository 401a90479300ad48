package lab.performance.observatory.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.report.ReportNotes;
import lab.performance.observatory.core.report.RunFacts;
import org.junit.jupiter.api.Test;

class ReplaySpecTest {

    static final String RECORDED = "{events: 6000, seconds: 30, mean_rate: 200, peak_rate: 900, min_bytes: 90, max_bytes: 700, "
            + "mean_bytes: 210.5, distinct_keys: 40, sha256: abc}";

    static String spec(String pattern, String extra) {
        return """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: replayed}
                spec:
                  duration_minutes: 1
                  concurrent_streams: 2
                  data_sources:
                    - name: logs
                      data_type: log_event
                      pattern: %s
                %s
                """.formatted(pattern, extra);
    }

    static BenchmarkSpec parse(String pattern, String extra) throws InvalidSpecException {
        return SpecParser.parse(spec(pattern, extra));
    }

    @Test
    void aReplaySourceTakesItsRateSizesAndKeysFromTheRecording() throws Exception {
        BenchmarkSpec spec = parse("{type: replay, profile: /p/logs.avro, speed: 2, loop: true, recorded: " + RECORDED + "}", "");
        DataSourceSpec s = spec.dataSources().get(0);
        PatternSpec.Replay r = (PatternSpec.Replay) s.pattern();
        assertThat(r.profile()).isEqualTo("/p/logs.avro");
        assertThat(r.speed()).isEqualTo(2.0);
        assertThat(r.loop()).isTrue();
        assertThat(r.recorded().sha256()).isEqualTo("abc");
        assertThat(s.generationRate()).isEqualTo(400.0); // mean 200 at speed 2
        assertThat(s.sizeDistribution().minBytes()).isEqualTo(Math.max(90, DataType.LOG_EVENT.minimumEventBytes()));
        assertThat(s.sizeDistribution().maxBytes()).isEqualTo(700);
        assertThat(s.keyDistribution().cardinality()).isEqualTo(40);
        // two concurrent streams: two copies of every recorded event
        DataSourceSpec offered = spec.offeredSources().get(0);
        assertThat(((PatternSpec.Replay) offered.pattern()).scale()).isEqualTo(2.0);
        assertThat(offered.generationRate()).isEqualTo(800.0);
        // the planner sizes for the busiest recorded second, as replayed
        assertThat(Planner.plan(spec, "obs.r", Cluster.local(1, 2), CapacityModel.DEFAULT).peakEventsPerSecond()).isEqualTo(3600.0);
    }

    @Test
    void theWrittenSpecReadsBackWithoutTheFile() throws Exception {
        BenchmarkSpec spec = parse("{type: replay, profile: /p/logs.avro, stream: svc, recorded: " + RECORDED + "}", "      framing: single_object");
        BenchmarkSpec again = SpecParser.parse(SpecWriter.toDocument(spec));
        assertThat(again.dataSources()).isEqualTo(spec.dataSources());
        BenchmarkSpec scaled = spec.withTotalRate(spec.totalBaseRate() * 3);
        assertThat(SpecParser.parse(SpecWriter.toDocument(scaled)).dataSources()).isEqualTo(scaled.dataSources());
    }

    @Test
    void generatorSharesReplayInterleavedEvents() throws Exception {
        BenchmarkSpec spec = parse("{type: replay, profile: /p/logs.avro, recorded: " + RECORDED + "}", "");
        PatternSpec.Replay first = (PatternSpec.Replay) spec.shareOf(0, 2).offeredSources().get(0).pattern();
        PatternSpec.Replay second = (PatternSpec.Replay) spec.shareOf(1, 2).offeredSources().get(0).pattern();
        assertThat(first.scale()).isEqualTo(1.0); // two streams, two instances: each sends one copy's worth
        assertThat(first.phase()).isZero();
        assertThat(second.phase()).isEqualTo(1);
    }

    @Test
    void fieldsTheRecordingSetsAreRefused() {
        assertThatThrownBy(() -> parse("{type: replay, profile: /p, recorded: " + RECORDED + "}", "      generation_rate: 100"))
                .hasMessageContaining("spec.data_sources[0].generation_rate: does not apply to a replay source: the recording sets its rate");
        assertThatThrownBy(() -> parse("{type: replay, profile: /p, recorded: " + RECORDED + "}",
                "      size_distribution: {min_bytes: 100, max_bytes: 200}")).hasMessageContaining("size_distribution: does not apply");
        assertThatThrownBy(() -> parse("{type: replay, profile: /p, recorded: " + RECORDED + "}", "      spikes: {probability: 0.1, multiplier: 2}"))
                .hasMessageContaining("spikes: does not apply");
    }

    @Test
    void badReplayPatternsSayWhatToFix() {
        assertThatThrownBy(() -> parse("{type: replay, profile: /p, speed: 0, recorded: " + RECORDED + "}", ""))
                .hasMessageContaining("spec.data_sources[0].pattern.speed");
        assertThatThrownBy(() -> parse("{type: replay, profile: /p, speed: -1, recorded: " + RECORDED + "}", ""))
                .hasMessageContaining("pattern.speed");
        assertThatThrownBy(() -> parse("{type: replay, profile: /p}", ""))
                .hasMessageContaining("pattern.recorded: missing: the profile /p was not read");
        assertThatThrownBy(() -> parse("{type: replay, recorded: " + RECORDED + "}", "")).hasMessageContaining("pattern.profile: is required");
        assertThatThrownBy(() -> parse("replay", "")).hasMessageContaining("a replay pattern needs its profile");
        assertThatThrownBy(() -> parse("{type: replay, profile: /p, loop: sometimes, recorded: " + RECORDED + "}", ""))
                .hasMessageContaining("pattern.loop: must be true or false");
        assertThatThrownBy(() -> parse("{type: replay, profile: /p, sped: 2, recorded: " + RECORDED + "}", ""))
                .hasMessageContaining("pattern.sped: unknown field (did you mean speed?)");
        assertThatThrownBy(() -> parse("{type: replay, profile: /p, speed: 1000000, recorded: " + RECORDED + "}", ""))
                .hasMessageContaining("above the");
        assertThatThrownBy(() -> parse("{type: rerun}", "      generation_rate: 5")).hasMessageContaining("steady, periodic, bursty, chaos, replay");
    }

    @Test
    void theReportNotesAReplayThatRanOutBeforeTheRun() throws Exception {
        BenchmarkSpec once = parse("{type: replay, profile: /p, recorded: " + RECORDED + "}", "");
        BenchmarkSpec looped = parse("{type: replay, profile: /p, loop: true, recorded: " + RECORDED + "}", "");
        BenchmarkSpec slow = parse("{type: replay, profile: /p, speed: 0.5, recorded: " + RECORDED + "}", "");
        Instant t0 = Instant.parse("2026-12-02T10:00:00Z");
        RunFacts facts = new RunFacts("r", once, "completed", t0, t0.plusSeconds(60), t0.plusSeconds(65),
                new RunFacts.Drain(true, 1, 0), Map.of(), Map.of());
        assertThat(ReportNotes.of(facts, null, List.of())).singleElement().asString()
                .contains("source logs: its profile ran out after 30.0 s of the 60.0 s run");
        assertThat(ReportNotes.of(new RunFacts("r", looped, "completed", t0, t0.plusSeconds(60), t0.plusSeconds(65),
                new RunFacts.Drain(true, 1, 0), Map.of(), Map.of()), null, List.of())).isEmpty();
        assertThat(ReportNotes.of(new RunFacts("r", slow, "completed", t0, t0.plusSeconds(60), t0.plusSeconds(65),
                new RunFacts.Drain(true, 1, 0), Map.of(), Map.of()), null, List.of())).isEqualTo(List.of());
    }
}
