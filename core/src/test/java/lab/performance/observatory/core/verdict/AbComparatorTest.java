package lab.performance.observatory.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AbComparatorTest {

    private final SplittableRandom random = new SplittableRandom(20261204);

    /** Every metric at 12,000 events/s, 10 ms and so on with 3 % noise; CPU per event around {@code cpuUs}. */
    private AbComparator.Measured run(int round, String variant, double cpuUs) {
        Map<String, RunMetric> metrics = new LinkedHashMap<>();
        for (String name : RunMetrics.names()) {
            boolean throughput = name.equals(RunMetrics.THROUGHPUT);
            double mean = throughput ? 12_000 : name.equals(RunMetrics.CPU_PER_EVENT) ? cpuUs : name.equals(RunMetrics.RSS) ? 300 : 10;
            double[] w = RunComparatorTest.windows(random, mean, 0.03);
            Direction d = throughput ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
            RunMetric.Family f = throughput ? RunMetric.Family.THROUGHPUT : name.endsWith("_ms") ? RunMetric.Family.LATENCY : RunMetric.Family.RESOURCE;
            metrics.put(name, new RunMetric(name, "u", d, f, java.util.Arrays.stream(w).average().orElseThrow(), w));
        }
        return new AbComparator.Measured(round, variant, variant + "-" + round, metrics);
    }

    private static AbComparison.Metric cpu(AbComparison.Pair pair) {
        return pair.metrics().stream().filter(m -> m.metric().equals(RunMetrics.CPU_PER_EVENT)).findFirst().orElseThrow();
    }

    @Test
    void aDifferenceEveryRoundShowsIsAVerdictWithItsRatioAndSpread() {
        List<AbComparator.Measured> runs = List.of(run(1, "zero-copy", 6), run(1, "copying", 8), run(2, "zero-copy", 6), run(2, "copying", 8));
        AbComparison ab = AbComparator.compare("baseline", List.of("zero-copy", "copying"), runs, Thresholds.DEFAULT);

        assertThat(ab.rounds()).isEqualTo(2);
        assertThat(ab.runs()).extracting(AbComparison.Run::variant).containsExactly("zero-copy", "copying", "zero-copy", "copying");
        AbComparison.Pair pair = ab.pairs().get(0);
        assertThat(pair.candidate()).isEqualTo("zero-copy");
        assertThat(pair.reference()).isEqualTo("copying");
        AbComparison.Metric cpu = cpu(pair);
        assertThat(cpu.verdict()).isEqualTo(Verdict.IMPROVEMENT);
        assertThat(cpu.candidate()).hasSize(2);
        assertThat(cpu.ratio()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(0.03));
        assertThat(cpu.ratioLow()).isLessThanOrEqualTo(cpu.ratio());
        assertThat(cpu.ratioHigh()).isGreaterThanOrEqualTo(cpu.ratio());
        assertThat(pair.verdict()).isEqualTo(Verdict.IMPROVEMENT);
        // the same throughput and latency on both sides: nothing else is flagged
        assertThat(pair.metrics()).filteredOn(m -> !m.metric().equals(RunMetrics.CPU_PER_EVENT))
                .allSatisfy(m -> assertThat(m.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE));
        String table = AbTable.render(ab);
        assertThat(table).contains("zero-copy against copying", "cpu_us_per_event", "zero-copy better", "zero-copy copying zero-copy copying");
        assertThat(table.lines().filter(l -> l.contains("_ms (")).count()).isEqualTo(9);
    }

    @Test
    void aRoundThatWentTheOtherWayLeavesNoVerdict() {
        // pooled, the windows differ a lot; but the second round's copying run was the cheaper one
        List<AbComparator.Measured> runs = List.of(run(1, "zero-copy", 4), run(1, "copying", 8), run(2, "zero-copy", 7.5), run(2, "copying", 7));
        AbComparison.Metric cpu = cpu(AbComparator.compare("b", List.of("zero-copy", "copying"), runs, Thresholds.DEFAULT).pairs().get(0));

        assertThat(cpu.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
        assertThat(cpu.reason()).startsWith("the rounds disagree (round 2:");
        assertThat(cpu.ratioHigh()).isGreaterThan(1);
        assertThat(cpu.ratioLow()).isLessThan(0.6);
    }

    @Test
    void aWorseCandidateIsARegression() {
        List<AbComparator.Measured> runs = List.of(run(1, "generic", 12), run(1, "copying", 8), run(2, "generic", 12), run(2, "copying", 8));
        AbComparison.Pair pair = AbComparator.compare("b", List.of("generic", "copying"), runs, Thresholds.DEFAULT).pairs().get(0);

        assertThat(cpu(pair).verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(pair.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(AbTable.render(AbComparator.compare("b", List.of("generic", "copying"), runs, Thresholds.DEFAULT))).contains("GENERIC WORSE");
    }

    @Test
    void oneRoundSaysNothingShowsItRepeats() {
        List<AbComparator.Measured> runs = List.of(run(1, "zero-copy", 6), run(1, "copying", 8));
        AbComparison.Metric cpu = cpu(AbComparator.compare("b", List.of("zero-copy", "copying"), runs, Thresholds.DEFAULT).pairs().get(0));

        assertThat(cpu.verdict()).isEqualTo(Verdict.IMPROVEMENT);
        assertThat(cpu.reason()).endsWith("one round, so nothing shows it repeats");
    }

    @Test
    void theSameOnBothSidesIsNoDifference() {
        int flagged = 0;
        for (int trial = 0; trial < 50; trial++) {
            List<AbComparator.Measured> runs = List.of(run(1, "a", 6), run(1, "b", 6), run(2, "a", 6), run(2, "b", 6));
            if (AbComparator.compare("x", List.of("a", "b"), runs, Thresholds.DEFAULT).pairs().get(0).verdict() != Verdict.NO_SIGNIFICANT_CHANGE) {
                flagged++;
            }
        }
        assertThat(flagged).isLessThanOrEqualTo(1);
    }

    @Test
    void threeVariantsJudgeTheFirstAgainstEachOther() {
        List<AbComparator.Measured> runs = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            runs.add(run(round, "zero-copy", 6));
            runs.add(run(round, "copying", 8));
            runs.add(run(round, "generic", 12));
        }
        AbComparison ab = AbComparator.compare("b", List.of("zero-copy", "copying", "generic"), runs, Thresholds.DEFAULT);

        assertThat(ab.pairs()).extracting(AbComparison.Pair::reference).containsExactly("copying", "generic");
        assertThat(cpu(ab.pairs().get(1)).ratio()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.03));
    }

    @Test
    void roundsMustHoldEachVariantOnce() {
        assertThatThrownBy(() -> AbComparator.compare("b", List.of("a", "b"), List.of(run(1, "a", 6), run(1, "a", 6)), Thresholds.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round 1");
        assertThatThrownBy(() -> AbComparator.compare("b", List.of("a", "b"), List.of(run(1, "a", 6), run(1, "b", 6), run(2, "a", 6)),
                Thresholds.DEFAULT)).hasMessageContaining("round 2");
        assertThatThrownBy(() -> AbComparator.compare("b", List.of("a", "a"), List.of(), Thresholds.DEFAULT))
                .hasMessageContaining("two different variants");
        assertThatThrownBy(() -> AbComparator.compare("b", List.of("a", "b"), List.of(), Thresholds.DEFAULT)).hasMessageContaining("one round");
    }
}
