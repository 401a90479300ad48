package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding Prometheus, and the one line a user gets when it is missing and cannot be installed (no process is started). */
class LocalPrometheusTest {

    @TempDir
    Path dir;

    @Test
    void missingAndNotInstallableIsBadInputNamingThePackage() {
        CliException e = (CliException) org.assertj.core.api.Assertions.catchThrowable(() ->
                LocalPrometheus.binary("--prometheus", Map.of("PATH", dir.toString()), dir.resolve("no-installer")));
        assertThat(e.exitCode()).isEqualTo(CliException.BAD_INPUT);
        assertThat(e.getMessage()).doesNotContain("\n").contains("--prometheus").contains("Debian's package 'prometheus'")
                .contains("PROMETHEUS=/path/to/prometheus");
    }

    @Test
    void aConfiguredBinaryMustBeExecutable() {
        assertThatThrownBy(() -> LocalPrometheus.binary("--prometheus", Map.of("PROMETHEUS", dir.resolve("nothing").toString()), dir))
                .isInstanceOf(CliException.class).hasMessageContaining("is not an executable");
    }

    @Test
    void theFirstExecutableOnPathIsTaken() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path prometheus = Files.createFile(bin.resolve("prometheus"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        assertThat(LocalPrometheus.binary("x", Map.of("PATH", dir.resolve("empty") + ":" + bin), dir.resolve("no-installer"))).isEqualTo(prometheus);
    }

    @Test
    void targetsCarryTheirJobAndPathAsLabelsAndTheConfigScrapesEverySecond() {
        PrometheusConfig.Target t = new PrometheusConfig.Target("topology", "127.0.0.1:8080", "/q/metrics", Map.of("run", "r-1"));
        assertThat(PrometheusConfig.targetFile(t))
                .isEqualTo("[{\"targets\": [\"127.0.0.1:8080\"], \"labels\": {\"__metrics_path__\": \"/q/metrics\", \"job\": \"topology\", \"run\": \"r-1\"}}]\n");
        assertThat(t.fileName()).isEqualTo("topology-127.0.0.1_8080.json");
        assertThat(PrometheusConfig.yaml(true)).contains("scrape_interval: 1s").contains("files: ['targets/*.json']");
        assertThat(PrometheusConfig.yaml(false)).doesNotContain("scrape_configs");
    }
}
