package lab.performance.observatory.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lab.performance.observatory.core.report.RunReport;
import org.junit.jupiter.api.Test;

class RecordingAnalysisTest {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void hotMethodsRankBySelfShareAndCountTotalOncePerSample() {
        List<StackSample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            samples.add(new StackSample(T0.plusMillis(100 + i), List.of("decode", "process", "run"), 1));
        }
        for (int i = 0; i < 30; i++) {
            // a recursive frame appears twice on the stack but counts once
            samples.add(new StackSample(T0.plusMillis(200 + i), List.of("hash", "process", "process", "run"), 1));
        }
        for (int i = 0; i < 10; i++) {
            samples.add(new StackSample(T0.plusMillis(300 + i), List.of("poll", "run"), 1));
        }
        samples.add(new StackSample(T0.minusSeconds(5), List.of("warmupOnly"), 1000)); // before the interval
        List<RunReport.HotMethod> hot = RecordingAnalysis.hotMethods("topology", "cpu", samples, T0, T0.plusSeconds(1), 10);
        assertThat(hot).extracting(RunReport.HotMethod::method, RunReport.HotMethod::selfPercent, RunReport.HotMethod::totalPercent,
                        RunReport.HotMethod::samples, RunReport.HotMethod::intervalSamples)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("decode", 60.0, 60.0, 60L, 100L),
                        org.assertj.core.groups.Tuple.tuple("hash", 30.0, 30.0, 30L, 100L),
                        org.assertj.core.groups.Tuple.tuple("poll", 10.0, 10.0, 10L, 100L));
        // 95 % Wilson intervals of 60, 30 and 10 of 100
        assertThat(hot.get(0).selfLowPercent()).isEqualTo(50.2);
        assertThat(hot.get(0).selfHighPercent()).isEqualTo(69.06);
        assertThat(hot.get(2).selfLowPercent()).isEqualTo(5.52);
        assertThat(hot.get(2).selfHighPercent()).isEqualTo(17.44);
        assertThat(RecordingAnalysis.hotMethods("topology", "cpu", samples, T0, T0.plusSeconds(1), 1)).hasSize(1);
        assertThat(RecordingAnalysis.hotMethods("topology", "cpu", List.of(), T0, T0.plusSeconds(1), 10)).isEmpty();
    }

    @Test
    void collectionsAndAllocationCoverOnlyTheInterval() {
        List<JvmRecording.Collection> gcs = List.of(
                new JvmRecording.Collection(T0.minusSeconds(1), 1, 50, 50), // warm-up: excluded
                new JvmRecording.Collection(T0.plusSeconds(2), 2, 4, 3),
                new JvmRecording.Collection(T0.plusSeconds(6), 3, 6, 5));
        long mb = 1024 * 1024;
        List<JvmRecording.HeapReading> heap = List.of(
                new JvmRecording.HeapReading(T0.minusSeconds(1), 1, true, 300 * mb),
                new JvmRecording.HeapReading(T0.minusSeconds(1), 1, false, 20 * mb),
                new JvmRecording.HeapReading(T0.plusSeconds(2), 2, true, 220 * mb), // +200 MB since after gc 1
                new JvmRecording.HeapReading(T0.plusSeconds(2), 2, false, 40 * mb),
                new JvmRecording.HeapReading(T0.plusSeconds(6), 3, true, 240 * mb), // +200 MB in 4 s
                new JvmRecording.HeapReading(T0.plusSeconds(6), 3, false, 30 * mb));
        JvmRecording recording = new JvmRecording(List.of(), List.of(), gcs, heap);
        RunReport.JvmActivity a = RecordingAnalysis.activity(recording, T0, T0.plusSeconds(10));
        assertThat(a.gcCount()).isEqualTo(2);
        assertThat(a.gcPauseTotalMs()).isEqualTo(10);
        assertThat(a.gcPauseMaxMs()).isEqualTo(5);
        // only gc 3 has its predecessor's after-reading inside the interval: 200 MB over 4 s
        assertThat(a.allocationMbPerSecond()).isEqualTo(50);
    }

    @Test
    void withoutCollectionsTheAllocationSamplesEstimateTheRate() {
        List<StackSample> alloc = List.of(
                new StackSample(T0.plusSeconds(1), List.of("a"), 3 * 1024 * 1024),
                new StackSample(T0.plusSeconds(2), List.of("b"), 1024 * 1024));
        RunReport.JvmActivity a = RecordingAnalysis.activity(new JvmRecording(List.of(), alloc, List.of(), List.of()), T0, T0.plusSeconds(4));
        assertThat(a.gcCount()).isZero();
        assertThat(a.allocationMbPerSecond()).isEqualTo(1.0);
    }
}
