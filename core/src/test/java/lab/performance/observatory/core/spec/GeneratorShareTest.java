package lab.performance.observatory.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import lab.performance.observatory.core.schedule.EventSchedule;
import org.junit.jupiter.api.Test;

/** Parallel generator instances: their shares add up to the spec they split. */
class GeneratorShareTest {

    @Test
    void sharesAddUpToTheWholeSpecAtEveryInstantAndDifferInEvents() throws Exception {
        BenchmarkSpec whole = SpecParserTest.parse(SpecParserTest.VALID);
        List<BenchmarkSpec> shares = IntStream.range(0, 3).mapToObj(i -> whole.shareOf(i, 3)).toList();

        assertThat(shares).allSatisfy(s -> assertThat(s.totalBaseRate()).isCloseTo(whole.totalBaseRate() / 3, within(1e-9)));
        assertThat(shares).extracting(BenchmarkSpec::seed).doesNotHaveDuplicates();
        for (int source = 0; source < whole.dataSources().size(); source++) {
            DataSourceSpec original = whole.dataSources().get(source);
            for (double t = 0; t < 60; t += 0.7) {
                double sum = 0;
                for (BenchmarkSpec share : shares) {
                    sum += EventSchedule.profileOf(share.dataSources().get(source)).rateAt(t);
                }
                assertThat(sum).as("%s at %.1f s", original.name(), t).isCloseTo(EventSchedule.profileOf(original).rateAt(t), within(1e-6));
            }
        }
        assertThat(shares).allSatisfy(s -> {
            assertThat(s.name()).isEqualTo(whole.name());
            assertThat(s.duration()).isEqualTo(whole.duration());
            assertThat(s.warmup()).isEqualTo(whole.warmup());
            assertThat(s.targets()).isEqualTo(whole.targets());
        });
    }

    @Test
    void oneInstanceSendsTheWholeSpecAndAnInstanceOutOfRangeIsRefused() throws Exception {
        BenchmarkSpec whole = SpecParserTest.parse(SpecParserTest.VALID);
        assertThat(whole.shareOf(0, 1)).isSameAs(whole);
        assertThatThrownBy(() -> whole.shareOf(3, 3)).hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> whole.shareOf(-1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> whole.shareOf(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
