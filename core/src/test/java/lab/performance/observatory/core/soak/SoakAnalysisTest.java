package lab.performance.observatory.core.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToLongFunction;
import lab.performance.observatory.core.profile.JvmRecording;
import lab.performance.observatory.core.report.ResourceSample;
import lab.performance.observatory.core.verdict.MaxRateSearch;
import org.junit.jupiter.api.Test;

class SoakAnalysisTest {

    static final long MIB = 1 << 20;
    static final Instant START = Instant.parse("2026-12-04T02:00:00Z");
    static final Instant FROM = START.plusSeconds(60);
    static final Instant TO = START.plusSeconds(660);
    static final MaxRateSearch.Step SUSTAINED = new MaxRateSearch.Step(9600, 9598, 31.0, 0.4, 0, true, "", "soak-1");

    /** One sample a second from the start (warm-up included), {@code rss} of the second, threads and files given. */
    static List<ResourceSample> samples(String component, IntToLongFunction rss, IntToLongFunction threads, IntToLongFunction files) {
        List<ResourceSample> out = new ArrayList<>();
        for (int s = 0; s <= 660; s++) {
            // anonymous memory: most of resident memory, following it
            out.add(new ResourceSample(component, START.plusSeconds(s), s * 0.5, rss.applyAsLong(s), 0, (int) threads.applyAsLong(s),
                    (int) files.applyAsLong(s), rss.applyAsLong(s) * 3 / 4));
        }
        return out;
    }

    static SoakReport.Line line(SoakReport r, String component, SoakMetric metric) {
        return r.lines().stream().filter(l -> l.component().equals(component) && l.metric().equals(metric.wireName())).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + component + " " + metric + " in " + r.lines()));
    }

    @Test
    void flatNoisyMemoryThreadsAndFilesPassAndTheWarmUpIsLeftOut() {
        Random random = new Random(3);
        // a warm-up that doubles memory and opens files: before FROM, so not judged
        List<ResourceSample> samples = samples("topology", s -> s < 60 ? 150 * MIB + s * MIB : 300 * MIB + (long) (random.nextGaussian() * 2 * MIB),
                s -> s < 60 ? 20 + s : 55 + (s % 7 == 0 ? 1 : 0), s -> s < 60 ? s : 140);
        SoakReport r = SoakAnalysis.analyse(samples, Map.of(), FROM, TO, SUSTAINED, 0L, 12000.0);
        assertThat(r.passed()).as(r.render()).isTrue();
        assertThat(r.problems()).isEmpty();
        assertThat(r.lines()).extracting(SoakReport.Line::verdict).containsOnly(SoakReport.FLAT);
        SoakReport.Line rss = line(r, "topology", SoakMetric.RSS);
        assertThat(rss.points()).isEqualTo(601);
        assertThat(rss.first()).isCloseTo(300.0 * MIB, within(1.0 * MIB));
        assertThat(rss.tolerance()).isCloseTo(0.03 * rss.first(), within(1.0));
        assertThat(line(r, "topology", SoakMetric.THREADS).growth()).isZero();
        assertThat(line(r, "topology", SoakMetric.OPEN_FILES).tolerance()).isEqualTo(4.0);
        assertThat(r.windowSeconds()).isEqualTo(600.0);
        assertThat(r.render()).contains("PASSED").contains("(80 % of the max sustainable 12,000)").containsPattern("(299|300)\\.\\d MiB");
    }

    @Test
    void memoryStillRisingAtTheEndIsALeakAndFailsTheSoak() {
        // 0.1 MiB a second: 60 MiB over the window, far above 3 % of 200 MiB
        List<ResourceSample> samples = samples("generator", s -> 200 * MIB + (long) (s * 0.1 * MIB), s -> 30, s -> 50);
        SoakReport r = SoakAnalysis.analyse(samples, Map.of(), FROM, TO, SUSTAINED, 0L, null);
        SoakReport.Line rss = line(r, "generator", SoakMetric.RSS);
        assertThat(rss.verdict()).isEqualTo(SoakReport.GROWING);
        assertThat(rss.slopePerHour()).isCloseTo(360.0 * MIB, within(1.0 * MIB));
        assertThat(rss.rSquared()).isCloseTo(1.0, within(1e-6));
        assertThat(rss.growth()).isCloseTo(40.0 * MIB, within(1.0 * MIB)); // median of the last third minus the first's: 2/3 of 60
        assertThat(r.passed()).isFalse();
        // all resident memory is not judged: its anonymous three quarters are
        assertThat(r.problems()).singleElement().asString().startsWith("generator rss_anon grew +30.").endsWith("and was still growing");
        assertThat(r.render()).contains("FAILED: generator rss_anon grew").doesNotContain("of the max sustainable");
    }

    @Test
    void growthThatStoppedBeforeTheLastThirdSettledAndPasses() {
        // a heap that expands once, a third of the way in, and stays
        List<ResourceSample> samples = samples("broker", s -> s < 250 ? 400 * MIB : 480 * MIB, s -> 90, s -> 300);
        SoakReport r = SoakAnalysis.analyse(samples, Map.of(), FROM, TO, SUSTAINED, 0L, null);
        assertThat(line(r, "broker", SoakMetric.RSS).verdict()).isEqualTo(SoakReport.SETTLED);
        assertThat(r.passed()).isTrue();
    }

    @Test
    void aThreadOrFileLeakOfOneAMinuteIsCaught() {
        List<ResourceSample> samples = samples("topology", s -> 300 * MIB, s -> 40 + s / 60, s -> 120 + s / 60);
        SoakReport r = SoakAnalysis.analyse(samples, Map.of(), FROM, TO, SUSTAINED, 0L, null);
        assertThat(line(r, "topology", SoakMetric.THREADS).verdict()).isEqualTo(SoakReport.GROWING);
        assertThat(line(r, "topology", SoakMetric.OPEN_FILES).verdict()).isEqualTo(SoakReport.GROWING);
        assertThat(line(r, "topology", SoakMetric.RSS).verdict()).isEqualTo(SoakReport.FLAT);
        assertThat(r.problems()).hasSize(2).anyMatch(p -> p.startsWith("topology threads grew +7"))
                .anyMatch(p -> p.startsWith("topology open_files grew +7"));
    }

    @Test
    void oneSpikeDoesNotMakeAFlatSeriesGrow() {
        List<ResourceSample> samples = samples("postgres", s -> s > 600 && s < 620 ? 900 * MIB : 100 * MIB, s -> 8, s -> 60);
        SoakReport r = SoakAnalysis.analyse(samples, Map.of(), FROM, TO, SUSTAINED, 0L, null);
        SoakReport.Line rss = line(r, "postgres", SoakMetric.RSS);
        assertThat(rss.verdict()).isEqualTo(SoakReport.FLAT);
        assertThat(rss.slopePerHour()).as("the slope is pulled by the spike; the verdict is not").isGreaterThan(100.0 * MIB);
    }

    @Test
    void unknownThreadsAndFilesAreNotJudgedAndTooFewReadingsAreUnmeasured() {
        List<ResourceSample> k8s = samples("topology", s -> 300 * MIB, s -> 0, s -> 0);
        List<ResourceSample> sparse = new ArrayList<>();
        for (int s = 60; s <= 660; s += 100) {
            sparse.add(new ResourceSample("api", START.plusSeconds(s), 0, 50 * MIB, 0, 12, 30, 0));
        }
        List<ResourceSample> all = new ArrayList<>(k8s);
        all.addAll(sparse);
        SoakReport r = SoakAnalysis.analyse(all, Map.of(), FROM, TO, SUSTAINED, null, null);
        assertThat(r.lines()).extracting(l -> l.component() + " " + l.metric())
                .containsExactly("api rss", "api threads", "api open_files", "topology rss", "topology rss_anon");
        assertThat(line(r, "api", SoakMetric.RSS).verdict()).isEqualTo(SoakReport.UNMEASURED);
        assertThat(line(r, "api", SoakMetric.RSS).first()).isNull();
        assertThat(r.passed()).as("unmeasured is not a failure").isTrue();
        assertThat(r.render()).contains("duplicates not audited").containsPattern("api +rss +- +- +- +- +- +- +unmeasured \\*");
    }

    @Test
    void heapAfterTheForcedFullCollectionsIsJudgedReadingByReading() {
        // a full collection every 30 s: the live heap flat at 40 MiB in one JVM, growing 3 MiB a minute in the other
        List<JvmRecording.HeapReading> flat = new ArrayList<>();
        List<JvmRecording.HeapReading> leaking = new ArrayList<>();
        long gc = 0;
        for (int s = 0; s <= 660; s += 30) {
            flat.add(new JvmRecording.HeapReading(START.plusSeconds(s), gc, true, 120 * MIB));
            flat.add(new JvmRecording.HeapReading(START.plusSeconds(s), gc, false, 40 * MIB + (s % 60 == 0 ? MIB / 2 : 0)));
            leaking.add(new JvmRecording.HeapReading(START.plusSeconds(s), gc, false, 40 * MIB + s * MIB / 20));
            gc++;
        }
        SoakReport r = SoakAnalysis.analyse(List.of(), Map.of("topology", flat, "generator", leaking), FROM, TO, SUSTAINED, 0L, null);
        SoakReport.Line topology = line(r, "topology", SoakMetric.HEAP_AFTER_GC);
        assertThat(topology.verdict()).isEqualTo(SoakReport.FLAT);
        assertThat(topology.points()).as("after-GC readings in the window only").isEqualTo(21);
        assertThat(topology.first()).isBetween(40.0 * MIB, 40.5 * MIB);
        SoakReport.Line generator = line(r, "generator", SoakMetric.HEAP_AFTER_GC);
        assertThat(generator.verdict()).isEqualTo(SoakReport.GROWING);
        assertThat(generator.slopePerHour()).isCloseTo(180.0 * MIB, within(1.0 * MIB));
        assertThat(r.problems()).singleElement().asString().startsWith("generator heap_after_gc grew");
    }

    @Test
    void allResidentMemoryIsReportedButOnlyItsAnonymousPartIsJudged() {
        // a broker mapping ever more of its logs: resident memory grows, anonymous memory does not
        List<ResourceSample> samples = new ArrayList<>();
        for (int s = 0; s <= 660; s++) {
            samples.add(new ResourceSample("broker", START.plusSeconds(s), 0, 400 * MIB + s * MIB / 10, 0, 100, 230, 300 * MIB));
        }
        SoakReport r = SoakAnalysis.analyse(samples, Map.of(), FROM, TO, SUSTAINED, 0L, null);
        SoakReport.Line rss = line(r, "broker", SoakMetric.RSS);
        assertThat(rss.verdict()).isEqualTo(SoakReport.GROWING);
        assertThat(rss.judged()).isFalse();
        assertThat(line(r, "broker", SoakMetric.RSS_ANON).verdict()).isEqualTo(SoakReport.FLAT);
        assertThat(r.passed()).isTrue();
        assertThat(r.render()).contains("growing *").contains("* reported, not judged");
        // and anonymous memory that grows fails it
        List<ResourceSample> leaking = new ArrayList<>();
        for (int s = 0; s <= 660; s++) {
            leaking.add(new ResourceSample("broker", START.plusSeconds(s), 0, 400 * MIB, 0, 100, 230, 300 * MIB + s * MIB / 10));
        }
        assertThat(SoakAnalysis.analyse(leaking, Map.of(), FROM, TO, SUSTAINED, 0L, null).problems()).singleElement().asString()
                .startsWith("broker rss_anon grew");
    }

    @Test
    void aRateThatWasNotSustainedOrEventsCountedTwiceFailTheSoak() {
        List<ResourceSample> samples = samples("topology", s -> 300 * MIB, s -> 40, s -> 100);
        MaxRateSearch.Step behind = new MaxRateSearch.Step(9600, 8000, 240, 12, 0, false, "processed 8000 of 9600 events/s", "soak-2");
        SoakReport r = SoakAnalysis.analyse(samples, Map.of(), FROM, TO, behind, 3L, 12000.0);
        assertThat(r.passed()).isFalse();
        assertThat(r.problems()).containsExactly("the rate was not sustained: processed 8000 of 9600 events/s", "3 events counted twice");
        assertThat(r.runId()).isEqualTo("soak-2");
        assertThat(r.achievedEps()).isEqualTo(8000);
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> SoakAnalysis.analyse(List.of(), Map.of(), TO, FROM, SUSTAINED, 0L, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    }

    @Test
    void mediansAndTolerances() {
        assertThat(SoakAnalysis.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(SoakAnalysis.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(SoakMetric.RSS.tolerance(10 * MIB)).isEqualTo(4.0 * MIB);
        assertThat(SoakMetric.RSS.tolerance(1000 * MIB)).isCloseTo(30.0 * MIB, within(1.0));
        assertThat(SoakMetric.THREADS.tolerance(50)).isEqualTo(2.0);
        assertThat(SoakMetric.THREADS.tolerance(500)).isEqualTo(10.0);
        assertThat(SoakMetric.OPEN_FILES.formatChange(-3)).isEqualTo("-3");
        assertThat(SoakMetric.HEAP_AFTER_GC.formatChange(1.5 * MIB)).isEqualTo("+1.5 MiB");
    }
}
