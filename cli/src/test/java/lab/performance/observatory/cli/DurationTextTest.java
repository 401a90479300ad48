package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationTextTest {

    @Test
    void readsTheUsualForms() {
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("PT45S")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void rejectsEverythingElse() {
        for (String bad : new String[] {"", "30", "s", "3x", "1m 30s", "-5s", "0s", "PT0S", "Pnope"}) {
            assertThatThrownBy(() -> DurationText.parse(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class);
        }
    }
}
