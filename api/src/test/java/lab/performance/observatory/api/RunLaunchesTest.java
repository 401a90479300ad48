package lab.performance.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunLaunchesTest {

    @Test
    void aRunIsTheLaunchersRunCommandOnTheApisStack() {
        assertThat(RunLaunches.command("/o/bin/observatory", "/d/api-runs/r1.yaml", "r1", Optional.empty(),
                Optional.empty())).containsExactly("/o/bin/observatory", "run", "/d/api-runs/r1.yaml", "--run-id", "r1");
        assertThat(RunLaunches.command("obs", "s.yaml", "r2", Optional.of("k:9092"), Optional.of("/data")))
                .containsSubsequence(List.of("--bootstrap-servers", "k:9092")).containsSubsequence(List.of("--data-dir", "/data"));
        assertThat(RunLaunches.command("obs", "s.yaml", "r2", Optional.of(" "), Optional.of(""))).hasSize(5);
        // the URL, password and all, travels in the environment, not on the command line
        assertThat(RunLaunches.environment("jdbc:postgresql://h/db?user=u&password=p"))
                .containsExactly(java.util.Map.entry("OBSERVATORY_JDBC_URL", "jdbc:postgresql://h/db?user=u&password=p"));
    }

    @Test
    void theUserAndPasswordGoIntoTheUrlUnlessThereAlready() {
        assertThat(RunLaunches.jdbcUrl("jdbc:postgresql://h:5432/db", Optional.of("postgres"), Optional.empty()))
                .isEqualTo("jdbc:postgresql://h:5432/db?user=postgres");
        assertThat(RunLaunches.jdbcUrl("jdbc:postgresql://h/db?ssl=true", Optional.of("a"), Optional.of("b")))
                .isEqualTo("jdbc:postgresql://h/db?ssl=true&user=a&password=b");
        assertThat(RunLaunches.jdbcUrl("jdbc:postgresql://h/db?user=x&password=y", Optional.of("a"), Optional.of("b")))
                .isEqualTo("jdbc:postgresql://h/db?user=x&password=y");
    }

    @Test
    void aLaunchedRunWithoutARowIsStartingWhileItLives() {
        assertThat(RunLaunches.unrecordedStatus(true)).isEqualTo("starting");
        assertThat(RunLaunches.unrecordedStatus(false)).isEqualTo("failed");
    }
}
