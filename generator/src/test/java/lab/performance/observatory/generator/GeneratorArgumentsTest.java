package lab.performance.observatory.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratorArgumentsTest {

    @Test
    void aLocalRunIsOneInstanceSendingToTheRunsOwnTopics() throws Exception {
        GeneratorArguments a = GeneratorArguments.parse(List.of("run-1", "localhost:9092", "jdbc:postgresql://db/obs"), Map.of());
        assertThat(a.instance()).isZero();
        assertThat(a.instances()).isEqualTo(1);
        assertThat(a.registryUrl()).isEmpty();
        assertThat(a.naming().topicOf("ticks")).isEqualTo("obs.run-1.ticks");
    }

    @Test
    void aJobPodTakesItsInstanceFromTheCompletionIndexAndSendsToTheBenchmarksTopics() throws Exception {
        GeneratorArguments a = GeneratorArguments.parse(List.of("--topic-prefix", "obs.team-a.base", "--instances", "3",
                "run-2", "kafka:9092", "jdbc:postgresql://db/obs", "http://registry:8080/apis/ccompat/v7"),
                Map.of("JOB_COMPLETION_INDEX", "2"));
        assertThat(a.instance()).isEqualTo(2);
        assertThat(a.instances()).isEqualTo(3);
        assertThat(a.registryUrl()).contains(URI.create("http://registry:8080/apis/ccompat/v7"));
        assertThat(a.naming().topicOf("ticks")).isEqualTo("obs.team-a.base.ticks");
        assertThat(a.naming().runId()).isEqualTo("run-2");
        // an explicit --instance wins over the environment
        assertThat(GeneratorArguments.parse(List.of("--instance", "1", "--instances", "3", "r", "b", "j"),
                Map.of("JOB_COMPLETION_INDEX", "2")).instance()).isEqualTo(1);
    }

    @Test
    void badArgumentsSayWhatToFix() {
        assertThatThrownBy(() -> GeneratorArguments.parse(List.of("r", "b"), Map.of())).hasMessageStartingWith("expected 3 or 4 arguments, got 2");
        assertThatThrownBy(() -> GeneratorArguments.parse(List.of("--instances", "two", "r", "b", "j"), Map.of()))
                .hasMessage("--instances must be a whole number, not 'two'");
        assertThatThrownBy(() -> GeneratorArguments.parse(List.of("--instances", "2", "r", "b", "j"), Map.of("JOB_COMPLETION_INDEX", "2")))
                .hasMessage("--instance must be in [0, 2), not 2");
        assertThatThrownBy(() -> GeneratorArguments.parse(List.of("--instances", "0", "r", "b", "j"), Map.of()))
                .hasMessage("--instances must be at least 1, not 0");
        assertThatThrownBy(() -> GeneratorArguments.parse(List.of("--rate", "5", "r", "b", "j"), Map.of())).hasMessageStartingWith("unknown option --rate");
        assertThatThrownBy(() -> GeneratorArguments.parse(List.of("r", "b", "j", "--topic-prefix"), Map.of()))
                .hasMessageStartingWith("--topic-prefix needs a value");
    }

    @Test
    void theJdbcUrlCanComeFromTheEnvironmentSoNoPasswordIsOnTheCommandLine() throws Exception {
        GeneratorArguments a = GeneratorArguments.parse(List.of("--metrics-host", "127.0.0.1", "--metrics-port", "0", "r", "b",
                "env:OBSERVATORY_JDBC_URL"), Map.of("OBSERVATORY_JDBC_URL", "jdbc:postgresql://db/obs?user=u&password=secret"));
        assertThat(a.jdbcUrl()).isEqualTo("jdbc:postgresql://db/obs?user=u&password=secret");
        assertThat(a.metricsHost()).isEqualTo("127.0.0.1");
        assertThat(a.toString()).doesNotContain("secret");
        assertThat(GeneratorArguments.parse(List.of("r", "b", "j"), Map.of()).metricsHost()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> GeneratorArguments.parse(List.of("r", "b", "env:NOPE"), Map.of()))
                .hasMessage("JDBC_URL is env:NOPE but the environment variable NOPE is not set");
    }
}
