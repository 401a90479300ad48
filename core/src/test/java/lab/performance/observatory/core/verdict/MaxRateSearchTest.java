package lab.performance.observatory.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MaxRateSearchTest {

    /** A pipeline that keeps up below {@code capacity} events/s and not above. */
    static List<Double> walk(double start, double capacity) {
        MaxRateSearch search = new MaxRateSearch(start, MaxRateSearch.Criteria.withSlo(50));
        List<Double> walked = new ArrayList<>();
        for (OptionalDouble rate = search.nextRate(); rate.isPresent(); rate = search.nextRate()) {
            double r = rate.getAsDouble();
            walked.add(r);
            boolean ok = r <= capacity;
            search.record(new MaxRateSearch.Step(r, ok ? r : capacity, ok ? 10 : 900, 0.5, 0, ok, ok ? "" : "fell behind", "run"));
        }
        walked.add(search.best().orElse(-1));
        return walked;
    }

    @Test
    void doublesThenBisectsToWithinTenPercent() {
        // 10k, 20k, 40k, 80k pass; 160k fails; bisect 120k (fail), 100k (pass), 110k (fail) -> within 10 % of 100k
        assertThat(walk(10_000, 105_000)).containsExactly(10_000.0, 20_000.0, 40_000.0, 80_000.0, 160_000.0, 120_000.0, 100_000.0,
                110_000.0, 100_000.0);
    }

    @Test
    void halvesWhenTheFirstRateFails() {
        List<Double> walked = walk(40_000, 12_000);
        assertThat(walked.subList(0, 3)).containsExactly(40_000.0, 20_000.0, 10_000.0);
        assertThat(walked.get(walked.size() - 1)).isBetween(10_000.0, 12_000.0);
    }

    @Test
    void aStepJudgedFromItsFiguresNamesEveryReasonItFailed() {
        MaxRateSearch search = new MaxRateSearch(10_000, MaxRateSearch.Criteria.withSlo(50));
        MaxRateSearch.Step ok = search.judge(10_000, 9_990, 12.5, true, 0.4, 0, "step-1");
        assertThat(ok.passed()).isTrue();
        assertThat(ok.reason()).isEmpty();
        MaxRateSearch.Step bad = search.judge(20_000, 15_000, 80, false, 15, 1_200, "step-2");
        assertThat(bad.passed()).isFalse();
        assertThat(bad.reason()).isEqualTo("processed 15000 of 20000 events/s; backlog took 15.0 s to drain and never did; 1200 events lost; "
                + "p99 80.0 ms > SLO 50.0 ms");
        assertThat(bad.runId()).isEqualTo("step-2");
    }

    @Test
    void stopsAfterMaxSteps() {
        assertThat(walk(1, 1e12)).hasSize(8 + 1);
    }
}
