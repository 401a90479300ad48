package lab.performance.observatory.core.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.audit.TopicCount;
import lab.performance.observatory.core.report.LagSample;
import lab.performance.observatory.core.report.Measurements;
import lab.performance.observatory.core.report.ReportBuilder;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.report.WindowMetrics;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.stats.LatencyHistograms;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A 30 s run at 100 events/s with a fault from 10 s to 15 s: nothing is processed while it lasts,
 * the backlog drains over the next seconds with its lag falling, and from 18 s the pipeline is steady.
 */
class FaultAnalysisTest {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    static final FaultPlan PLAN = new FaultPlan(Fault.BROKER_RESTART, Duration.ofSeconds(10), Duration.ofSeconds(5));
    static final FaultAnalysis.Injection INJECTION = new FaultAnalysis.Injection(T0.plusSeconds(10), T0.plusMillis(15_200));

    static BenchmarkSpec spec() throws Exception {
        return spec(0);
    }

    /** 30 s, 2 s warm-up, 100 market events/s of which {@code corruptFraction} corrupt. */
    static BenchmarkSpec spec(double corruptFraction) throws Exception {
        return SpecParser.parse("""
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: faults}
                spec:
                  duration_seconds: 30
                  warmup_seconds: 2
                  data_sources:
                    - {name: m, data_type: market_data, generation_rate: 100, corrupt_fraction: %s}
                """.formatted(corruptFraction));
    }

    static WindowMetrics window(int second, long events, long latencyMicros) {
        Histogram h = LatencyHistograms.newHistogram();
        h.recordValueWithCount(latencyMicros, events);
        return new WindowMetrics(DataType.MARKET_DATA, T0.plusSeconds(second), events, events * 100, 0, 0, events * 100, 0, 0, h);
    }

    /** Per second: events processed, latency (µs) and lag (s); -1 events: no window at all. */
    static RunReport report(long[] events, long[] latencyMicros, double[] lagSeconds, List<TopicCount> counts, long acked) throws Exception {
        List<WindowMetrics> rows = new ArrayList<>();
        List<LagSample> lag = new ArrayList<>();
        for (int s = 0; s < events.length; s++) {
            if (events[s] > 0) {
                rows.add(window(s, events[s], latencyMicros[s]));
            }
            if (lagSeconds[s] >= 0) {
                lag.add(new LagSample(T0.plusSeconds(s).plusMillis(500), (long) (lagSeconds[s] * 100), lagSeconds[s]));
            }
        }
        RunFacts facts = new RunFacts("run-f", spec(), "completed", T0, T0.plusSeconds(30), T0.plusSeconds(31),
                new RunFacts.Drain(true, 0.5, 0), Map.of(), Map.of());
        return ReportBuilder.build(facts, new Measurements(List.of(new SourceTotals("m", DataType.MARKET_DATA, acked, acked, 0, acked * 100)),
                rows, List.of(), List.of(), List.of(), List.of(), lag, counts, 12));
    }

    /** The run described above: 3,000 events, every one processed once. */
    static RunReport recovering(List<TopicCount> counts) throws Exception {
        long[] events = new long[30];
        long[] latency = new long[30];
        double[] lag = new double[30];
        for (int s = 0; s < 30; s++) {
            events[s] = 100;
            latency[s] = 2_000;
            lag[s] = 0.05;
        }
        for (int s = 10; s < 15; s++) {
            events[s] = 0;
            lag[s] = -1; // no sample: Kafka was down
        }
        long[] catchUp = {350, 250, 200}; // seconds 15..17: the 500 held back drain beside the 300 offered, their lag falling
        double[] catchUpLag = {4, 2.5, 1.2};
        for (int i = 0; i < 3; i++) {
            events[15 + i] = catchUp[i];
            latency[15 + i] = 5_000_000;
            lag[15 + i] = catchUpLag[i];
        }
        return report(events, latency, lag, counts, 3_000);
    }

    @Test
    void recoveryIsFromTheHealToTheFirstOfThreeSteadyWindowsAndTheSpikeIsItsWorstP99() throws Exception {
        RunReport r = recovering(List.of(new TopicCount(DataType.MARKET_DATA, 3_000, 0, 0)));
        FaultFigures f = FaultAnalysis.analyse(PLAN, INJECTION, r, t -> 100);

        assertThat(f.fault()).isEqualTo("broker-restart");
        assertThat(f.atSeconds()).isEqualTo(10.0);
        assertThat(f.downSeconds()).isEqualTo(5.2);
        assertThat(f.recoverySeconds()).as("window 18 s is the first steady one after the heal at 15.2 s").isEqualTo(2.8);
        assertThat(f.p99BeforeMs()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.p99PeakMs()).isCloseTo(5_000, org.assertj.core.data.Offset.offset(5.0));
        assertThat(f.lost()).isZero();
        assertThat(f.duplicates()).isZero();
        assertThat(f.replaysSkipped()).isEqualTo(12);
        assertThat(f.audit()).isEqualTo("agrees");
        assertThat(f.passed()).isTrue();
    }

    @Test
    void aWindowWithLagOfASecondOrMoreIsNotSteadyEvenAtTheOfferedRate() throws Exception {
        RunReport r = recovering(List.of(new TopicCount(DataType.MARKET_DATA, 3_000, 0, 0)));
        RunReport.TimelinePoint at17 = r.timeline().stream().filter(p -> p.windowStart().equals(T0.plusSeconds(17).toString())).findFirst()
                .orElseThrow();
        assertThat(at17.processed()).isGreaterThan(100);
        assertThat(FaultAnalysis.steady(at17, 100)).isFalse();
        assertThat(FaultAnalysis.steady(null, 100)).as("nothing processed or sent").isFalse();
    }

    @Test
    void lossesDuplicatesAndADisagreeingAuditFailTheFault() throws Exception {
        // Kafka holds 3,010: ten acknowledged records were never counted, and the generator counted only 3,000
        RunReport lostSome = recovering(List.of(new TopicCount(DataType.MARKET_DATA, 3_010, 0, 0)));
        FaultFigures lost = FaultAnalysis.analyse(PLAN, INJECTION, lostSome, t -> 100);
        assertThat(lost.lost()).isEqualTo(10);
        assertThat(lost.audit()).isEqualTo("disagrees");
        assertThat(lost.failures()).anyMatch(w -> w.startsWith("the audit disagrees")).contains("10 records lost");

        RunReport twice = recovering(List.of(new TopicCount(DataType.MARKET_DATA, 2_990, 0, 0)));
        FaultFigures dup = FaultAnalysis.analyse(PLAN, INJECTION, twice, t -> 100);
        assertThat(dup.duplicates()).isEqualTo(10);
        assertThat(dup.failures()).contains("10 events counted more than once");
        assertThat(FaultTable.render(List.of(dup))).contains("FAIL").contains("broker-restart: 10 events counted more than once");
    }

    @Test
    void aRunThatNeverGetsBackToItsRateHasNoRecoveryAndFails() throws Exception {
        long[] events = new long[30];
        long[] latency = new long[30];
        double[] lag = new double[30];
        for (int s = 0; s < 30; s++) {
            events[s] = s < 10 ? 100 : 60; // after the fault it keeps only 60 % of the offered rate
            latency[s] = 2_000;
            lag[s] = s < 10 ? 0.05 : 0.5;
        }
        RunReport r = report(events, latency, lag, List.of(new TopicCount(DataType.MARKET_DATA, 2_200, 0, 0)), 2_200);
        FaultFigures f = FaultAnalysis.analyse(PLAN, INJECTION, r, t -> 100);
        assertThat(f.recoverySeconds()).isNull();
        assertThat(f.failures()).anyMatch(w -> w.startsWith("did not recover before generation ended"));
        assertThat(FaultTable.render(List.of(f))).contains("never");
    }

    @Test
    void aRunNotAuditedCannotPass() throws Exception {
        FaultFigures f = FaultAnalysis.analyse(PLAN, INJECTION, recovering(List.of()), t -> 100);
        assertThat(f.audit()).isEqualTo("not-audited");
        assertThat(f.duplicates()).isNull();
        assertThat(f.passed()).isFalse();
        assertThat(FaultTable.render(List.of(f))).contains(" - ");
    }

    @Test
    void steadyToTheEndCountsAsRecoveredWhenFewerWindowsThanThreeAreLeft() throws Exception {
        long[] events = new long[30];
        long[] latency = new long[30];
        double[] lag = new double[30];
        for (int s = 0; s < 30; s++) {
            events[s] = s >= 10 && s < 28 ? 0 : 100;
            latency[s] = 2_000;
            lag[s] = 0.05;
        }
        events[28] = 100 + 1_800; // everything held back, drained in one window... with its lag still high
        lag[28] = 3;
        RunReport r = report(events, latency, lag, List.of(new TopicCount(DataType.MARKET_DATA, 3_000, 0, 0)), 3_000);
        FaultFigures f = FaultAnalysis.analyse(new FaultPlan(Fault.NETWORK_STALL, Duration.ofSeconds(10), Duration.ofSeconds(17)),
                new FaultAnalysis.Injection(T0.plusSeconds(10), T0.plusSeconds(27)), r, t -> 100);
        assertThat(f.recoverySeconds()).as("window 29 is steady and the last").isEqualTo(2.0);
    }
}
