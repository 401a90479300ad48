package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The k3s regression CronJob (deploy/k3s/base/regression-cronjob.yaml) runs a command observatory
 * accepts: its arguments parse as {@code run} with the options it means, its spec is a shipped
 * profile that validates, the environment it sets is what the CLI reads, and the runner image
 * (deploy/images/runner.Dockerfile) lays the project out where the command and bin/observatory
 * look for it.
 */
class RegressionCronJobTest {

    static final Path HOME = ObservatoryCli.home();
    static final String IMAGE_HOME = "/opt/observatory";

    static JsonNode container() throws Exception {
        JsonNode cron = new ObjectMapper(new YAMLFactory()).readTree(HOME.resolve("deploy/k3s/base/regression-cronjob.yaml").toFile());
        assertThat(cron.path("kind").asText()).isEqualTo("CronJob");
        return cron.at("/spec/jobTemplate/spec/template/spec/containers/0");
    }

    @Test
    void theCronJobsCommandIsARunObservatoryAccepts() throws Exception {
        JsonNode c = container();
        assertThat(c.at("/command/0").asText()).isEqualTo(IMAGE_HOME + "/bin/observatory");
        List<String> args = new ArrayList<>();
        c.path("args").forEach(a -> args.add(a.asText().replace(IMAGE_HOME + "/", HOME + "/")));
        CommandLine cli = new CommandLine(new ObservatoryCli(new Console(new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(OutputStream.nullOutputStream()), false)));
        CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
        assertThat(parsed.hasSubcommand()).isTrue();
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("run");
        RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(run.baseline).as("judged against a stored baseline").isEqualTo("k3s-baseline");
        assertThat(run.adoptBaseline).as("the first run sets it").isTrue();
        assertThat(run.stack.dataDir).as("its data on the pod's emptyDir").isEqualTo(Path.of("/data"));
        assertThat(run.stack.jdbcUrl).as("the URL comes from the environment, not the command line").isNull();
        assertThat(run.specFile).exists();
        assertThat(HOME.relativize(run.specFile.toAbsolutePath()).toString()).isEqualTo("load-profiles/baseline.yaml");

        CliHarness.Result validated = CliHarness.run("validate", run.specFile.toString());
        assertThat(validated.exitCode()).as(validated.err()).isZero();

        List<String> env = new ArrayList<>();
        c.path("env").forEach(e -> env.add(e.path("name").asText()));
        assertThat(env).containsExactlyInAnyOrder("OBSERVATORY_JDBC_URL", "OBSERVATORY_JAVA_OPTS");
        assertThat(Files.readString(HOME.resolve("cli/src/main/java/lab/performance/observatory/cli/StackOptions.java")))
                .contains("System.getenv(\"OBSERVATORY_JDBC_URL\")");
        assertThat(Files.readString(HOME.resolve("bin/observatory"))).contains("OBSERVATORY_JAVA_OPTS").contains("OBSERVATORY_NO_BUILD");
    }

    @Test
    void theRunnerImageHoldsWhatBinObservatoryRuns() throws Exception {
        String dockerfile = Files.readString(HOME.resolve("deploy/images/runner.Dockerfile"));
        assertThat(dockerfile).contains("WORKDIR " + IMAGE_HOME).contains("ENV OBSERVATORY_NO_BUILD=1")
                .contains("ENTRYPOINT [\"" + IMAGE_HOME + "/bin/observatory\"]");
        List<String> copied = new ArrayList<>();
        for (String line : dockerfile.split("\n")) {
            if (line.startsWith("COPY ")) {
                copied.add(line.split(" +")[2]);
            }
        }
        // what bin/observatory puts on the class path and runs (cli jar and its lib/, the topology's and API's apps)
        String launcher = Files.readString(HOME.resolve("bin/observatory"));
        for (String needed : List.of("cli/target/observatory-cli.jar", "cli/target/lib/", "topology/target/quarkus-app/", "api/target/quarkus-app/")) {
            assertThat(copied).as("copied into the runner image").anyMatch(to -> needed.startsWith(to) || to.startsWith(needed));
            assertThat(launcher).contains(needed.replace("/observatory-cli.jar", "").replaceAll("/$", ""));
        }
        assertThat(copied).contains("bin/", "load-profiles/");
    }
}
