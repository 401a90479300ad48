package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.performance.observatory.stack.EmbeddedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generator → real broker → topology with a real Apicurio Registry: registry-framed sources (one of
 * them writing the older schema version) beside a single-object one, decoded zero-copy.
 */
class RegistryRunIT {

    @TempDir
    Path dir;

    @Test
    void bothFramingsAndBothSchemaVersionsAreReadThroughTheRegistry() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        Path spec = dir.resolve("registry.yaml");
        Files.writeString(spec, """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: registry-it}
                spec:
                  duration_seconds: 8
                  warmup_seconds: 2
                  data_sources:
                    - {name: market, data_type: market_data, generation_rate: 1000, framing: registry}
                    - {name: sensors, data_type: iot_sensor, generation_rate: 500, framing: registry, schema_version: 1}
                    - {name: logs, data_type: log_event, generation_rate: 300, framing: single_object}
                  processing_stages:
                    - {name: decode, type: decode, config: {strategy: zero-copy}}
                """);
        Path out = dir.resolve("out");
        CliHarness.Result run = CliHarness.run("run", spec.toString(), "--registry", "apicurio", "--out", out.toString(),
                "--data-dir", dir.resolve("data").toString(), "--bootstrap-servers", stack.bootstrapServers(), "--jdbc-url", stack.jdbcUrl());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Apicurio Registry 2.6.13.Final ready");

        JsonNode report = new ObjectMapper().readTree(Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8));
        assertThat(report.at("/events/generated").asLong()).isEqualTo(8 * (1000 + 500 + 300));
        assertThat(report.at("/events/processed").asLong()).isEqualTo(report.at("/events/generated").asLong());
        assertThat(report.at("/events/dead_lettered").asLong()).isZero();
        assertThat(report.at("/processing/strategy").asText()).isEqualTo("zero-copy");
        assertThat(report.at("/processing/zero_copy_ratio").asDouble()).isEqualTo(1.0);
        assertThat(report.at("/processing/decode_fallbacks").asLong()).isZero();
        assertThat(report.at("/resources/registry/peak_rss_mb").asDouble()).isPositive();
        assertThat(report.at("/spec/spec/data_sources/1/schema_version").asInt()).isEqualTo(1);
    }

    @Test
    void registryFramingWithoutARegistryIsBadInput() throws Exception {
        Path spec = dir.resolve("needs-registry.yaml");
        Files.writeString(spec, """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: needs-registry}
                spec:
                  duration_seconds: 5
                  data_sources: [{name: market, data_type: market_data, generation_rate: 10, framing: registry}]
                """);
        CliHarness.Result run = CliHarness.run("run", spec.toString(), "--data-dir", dir.resolve("data").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).endsWith("spec.data_sources[0].framing: registry framing needs a schema registry "
                + "(run with --registry apicurio or --registry-url URL)");
        assertThat(CliHarness.run("run", spec.toString(), "--registry", "confluent").err()).contains("--registry: unknown registry 'confluent'");
        assertThat(CliHarness.run("run", spec.toString(), "--strategy", "fast").err()).contains("--strategy: unknown strategy 'fast'");
    }
}
