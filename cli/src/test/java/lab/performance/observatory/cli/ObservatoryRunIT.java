package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.store.RunStore;
import lab.performance.observatory.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 10-second benchmark: generator, broker, topology and PostgreSQL all real, the CLI pointed
 * at this JVM's broker and PostgreSQL. Nothing may be lost, and the stored report must be
 * rebuildable exactly.
 */
class ObservatoryRunIT {

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: ten-seconds}
            spec:
              duration_seconds: 10
              warmup_seconds: 2
              concurrent_streams: 2
              data_sources:
                - {name: market, data_type: market_data, generation_rate: 750, size_distribution: {min_bytes: 64, max_bytes: 300},
                   corrupt_fraction: 0.01}
                - {name: sensors, data_type: iot_sensor, generation_rate: 400, corrupt_fraction: 0.01,
                   pattern: {type: bursty, burst_multiplier: 3, burst_seconds: 1, quiet_seconds: 2},
                   size_distribution: {min_bytes: 100, max_bytes: 900, distribution: normal}}
                - {name: logs, data_type: log_event, generation_rate: 200, pattern: {type: periodic, period_seconds: 5, amplitude: 100}}
              performance_targets: {max_memory_mb: 2048}
            """;

    /** A copy of a report under another run id whose every measured window, and the sustained rate, processed {@code factor} times as much. */
    static String scaledThroughput(JsonNode report, String runId, double factor) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = report.deepCopy();
        copy.put("run_id", runId);
        com.fasterxml.jackson.databind.node.ObjectNode throughput = (com.fasterxml.jackson.databind.node.ObjectNode) copy.get("throughput");
        throughput.put("sustained_eps", throughput.get("sustained_eps").asDouble() * factor);
        for (JsonNode point : copy.get("timeline")) {
            if ("measured".equals(point.get("phase").asText())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) point).put("processed", Math.round(point.get("processed").asLong() * factor));
            }
        }
        return copy.toString();
    }

    /** At least 1.5, and enough that the scaled busiest window is below the scaled quietest one: 1.5 x max / min. */
    static double separatingFactor(JsonNode report) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (JsonNode point : report.get("timeline")) {
            if ("measured".equals(point.get("phase").asText())) {
                min = Math.min(min, point.get("processed").asLong());
                max = Math.max(max, point.get("processed").asLong());
            }
        }
        return Math.max(1.5, 1.5 * max / Math.max(1.0, min));
    }

    /** A completed run with this stored report, as history and comparisons read runs. */
    static void plant(RunStore store, String runId, String benchmark, String reportJson) throws Exception {
        BenchmarkSpec spec = SpecParser.parse(SPEC.replace("name: ten-seconds", "name: " + benchmark));
        java.time.Instant t = java.time.Instant.now();
        store.runs().create(runId, spec, null, java.util.Map.of());
        store.runs().recordGenerationStart(runId, t);
        store.runs().recordGenerationEnd(runId, t.plusSeconds(10));
        store.runs().finish(runId, "completed", t.plusSeconds(11), new lab.performance.observatory.core.report.RunFacts.Drain(true, 0, 0));
        store.runs().saveReport(runId, reportJson, null);
    }

    @Test
    void aTenSecondBenchmarkLosesNothingAndItsReportRebuildsFromPostgres() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        Path spec = dir.resolve("ten-seconds.yaml");
        Files.writeString(spec, SPEC);
        Path out = dir.resolve("out");

        CliHarness.Result run = CliHarness.run("run", spec.toString(), "--out", out.toString(), "--data-dir", dir.resolve("data").toString(),
                "--bootstrap-servers", stack.bootstrapServers(), "--jdbc-url", stack.jdbcUrl(), "--ceiling", "--ceiling-repeats", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("total").contains("Targets: met").contains("Ceiling (same stack, same rate): end-to-end p99 ");

        String reportText = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        JsonNode report = JSON.readTree(reportText);
        String runId = report.get("run_id").asText();
        JsonNode events = report.get("events");
        long generated = events.get("generated").asLong();
        long processed = events.get("processed").asLong();
        assertThat(generated).isGreaterThan(25_000);
        assertThat(generated).isEqualTo(processed + events.get("dead_lettered").asLong());
        assertThat(events.get("lost").asLong()).isZero();
        assertThat(events.get("undrained").asLong()).isZero();
        // the auditor's own count from Kafka agrees, type by type
        assertThat(report.at("/audit/verdict").asText()).as(report.get("audit").toString()).isEqualTo("agrees");
        assertThat(report.at("/audit/duplicates").asLong()).isZero();
        report.at("/by_type").fields().forEachRemaining(t -> assertThat(report.at("/audit/by_type/" + t.getKey() + "/in_topics").asLong())
                .as(t.getKey()).isEqualTo(t.getValue().at("/events/generated").asLong()).isPositive());
        assertThat(run.out()).contains("Audit (Kafka's own count): agrees");
        // 1 % of two streams were corrupt records of every class (docs/reliability.md): all dead-lettered, all in the dead-letter topic
        long corrupt = events.get("corrupt_sent").asLong();
        assertThat(corrupt).isPositive();
        assertThat(events.get("dead_lettered").asLong()).isEqualTo(corrupt);
        assertThat(events.get("send_failed").asLong()).isZero();
        assertThat(report.at("/audit/by_type/market_data/dead_letter_records").asLong()
                + report.at("/audit/by_type/iot_sensor/dead_letter_records").asLong()).isEqualTo(corrupt);
        assertThat(run.out()).contains("Corrupt mix: " + corrupt + " corrupt records sent, " + corrupt + " dead-lettered");
        assertThat(report.at("/latency_ms/end_to_end/count").asLong()).isPositive();
        assertThat(report.at("/latency_ms/end_to_end/p99").asDouble()).isPositive();
        // the plan the run was laid out by: one partition per stream (two), the dead-letter topic as planned
        assertThat(report.at("/plan/topics")).hasSize(4).allSatisfy(t -> assertThat(t.at("/partitions/reason").asText()).isNotBlank());
        assertThat(report.at("/plan/topics/0/partitions/value").asLong()).isEqualTo(2);
        assertThat(report.at("/plan/topics/3/role").asText()).isEqualTo("dead-letter");
        assertThat(report.at("/plan/topics/3/partitions/value").asLong()).isEqualTo(1);
        assertThat(report.at("/plan/generator_parallelism/value").asLong()).isEqualTo(1);
        assertThat(report.get("by_type").fieldNames()).toIterable().containsExactlyInAnyOrder("market_data", "iot_sensor", "log_event");
        assertThat(report.get("resources").fieldNames()).toIterable().contains("topology", "generator");
        assertThat(report.at("/resources/topology/peak_rss_mb").asDouble()).isPositive();
        assertThat(report.at("/targets/met").asBoolean()).isTrue();
        assertThat(report.at("/environment/cpu_cores").asText()).isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
        // the three latencies, each over the same events the generator sent after warm-up
        assertThat(report.at("/latency_ms/publish/count").asLong()).isPositive();
        assertThat(report.at("/latency_ms/schedule_slip/count").asLong()).isEqualTo(report.at("/latency_ms/publish/count").asLong());
        assertThat(report.at("/warmup_latency_ms/end_to_end/count").asLong()).isPositive();
        assertThat(report.get("latency_distribution_ms")).hasSizeGreaterThan(10);
        // flight recordings: GC figures, hot methods and flamegraphs of the topology, and the HTML report
        assertThat(report.at("/resources/topology/jvm/allocation_mb_per_second").asDouble()).isPositive();
        assertThat(report.at("/resources/topology/peak_threads").asInt()).isPositive();
        assertThat(report.get("hot_methods")).anySatisfy(m -> assertThat(m.get("component").asText()).isEqualTo("topology"));
        // each hot method with its evidence: samples on top of those in the interval, and a 95 % interval around its share
        assertThat(report.get("hot_methods")).allSatisfy(m -> {
            assertThat(m.get("samples").asLong()).isPositive().isLessThanOrEqualTo(m.get("interval_samples").asLong());
            assertThat(m.get("self_low_percent").asDouble()).isLessThanOrEqualTo(m.get("self_high_percent").asDouble());
            if ("cpu".equals(m.get("kind").asText())) {
                assertThat(m.get("self_percent").asDouble()).isBetween(m.get("self_low_percent").asDouble(), m.get("self_high_percent").asDouble());
            }
        });
        // the scheduler's view of the topology's threads from /proc; copies measured, beside the consumer's own; what limited the run
        assertThat(report.at("/resources/topology/scheduling/voluntary_switches_per_second").asDouble()).isPositive();
        assertThat(report.at("/resources/topology/scheduling/involuntary_switches_per_second").isNumber()).isTrue();
        assertThat(report.at("/resources/topology/scheduling/run_queue_ms_per_second").isNumber()).isTrue();
        assertThat(report.at("/processing/consumer_copied_bytes").asLong()).isGreaterThan(report.at("/processing/received_bytes").asLong());
        assertThat(report.at("/processing/allocation_bytes_per_event").asDouble()).isPositive();
        assertThat(report.at("/processing/record_bytes_per_event").asDouble()).isPositive();
        assertThat(report.get("bottlenecks")).isNotEmpty().allSatisfy(b -> {
            assertThat(b.get("rule").asText()).isNotBlank();
            assertThat(b.get("finding").asText()).isNotBlank();
            assertThat(b.get("recommendation").asText()).isNotBlank();
            assertThat(b.get("evidence")).isNotEmpty();
        });
        assertThat(run.out()).contains("Limit: ", "Copies: the decoder copied ", "switches/s vol/invol", "CPU counters");
        // hardware counters through perf stat where the machine has them; otherwise absent with the reason, never zeros
        JsonNode counters = report.get("cpu_counters");
        assertThat(counters).as("cpu_counters").isNotNull();
        if (counters.get("available").asBoolean()) {
            assertThat(counters.at("/by_component/topology/instructions").asDouble()).isPositive();
            assertThat(counters.at("/by_component/topology/instructions_per_cycle").asDouble()).isPositive();
        } else {
            assertThat(counters.get("reason").asText()).isNotBlank();
            assertThat(counters.has("by_component") && !counters.get("by_component").isEmpty()).isFalse();
        }
        // the ceiling: raw Kafka, then the pass-through, at the run's rate; every event of their measured interval arrived
        JsonNode ceiling = report.get("ceiling");
        assertThat(ceiling.get("probes")).extracting(p -> p.get("kind").asText()).containsExactly("raw_kafka", "pass_through");
        long rawEvents = ceiling.at("/probes/0/measured_events").asLong();
        assertThat(ceiling.get("probes")).allSatisfy(p -> {
            // the same seed, so the same events, of which those intended in the 8 measured seconds
            assertThat(p.get("measured_events").asLong()).isPositive().isCloseTo(rawEvents, org.assertj.core.data.Percentage.withPercentage(5));
            assertThat(p.get("p99_ms").asDouble()).isPositive().isGreaterThanOrEqualTo(p.get("p50_ms").asDouble());
        });
        assertThat(ceiling.at("/probes/1/cpu_us_per_event").asDouble()).isPositive();
        assertThat(ceiling.at("/probes/0/cpu_us_per_event").isMissingNode()).isTrue();
        for (String ratio : new String[] {"end_to_end_p99_vs_raw", "end_to_end_p99_vs_pass_through", "cpu_per_event_vs_pass_through"}) {
            assertThat(ceiling.at("/" + ratio + "/mean").asDouble()).as(ratio).isPositive();
            assertThat(ceiling.at("/" + ratio + "/repeats").asInt()).as(ratio).isEqualTo(1);
        }
        assertThat(Files.readString(out.resolve("report.html"))).contains("class=\"ceiling\"");
        // where the run settled, by MSER-5 on its own windows
        assertThat(report.at("/steady_state/method").asText()).isEqualTo("MSER-5");
        assertThat(report.at("/steady_state/measurement_start_seconds").asDouble()).isPositive();
        for (String artifact : new String[] {"topology_cpu_flamegraph", "topology_alloc_flamegraph", "html_report"}) {
            Path file = Path.of(report.at("/artifacts/" + artifact).asText());
            assertThat(file).as(artifact).isRegularFile();
            assertThat(Files.size(file)).as(artifact).isGreaterThan(10_000);
        }
        assertThat(Files.readString(out.resolve("report.html"))).contains("uPlot").contains(runId);

        // the window sums in PostgreSQL are what the report says was processed
        try (Connection c = stack.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT sum(events), sum(dead_lettered) FROM window_metrics WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(processed);
            }
        }

        // report RUN_ID --json rebuilds the same document from PostgreSQL alone
        CliHarness.Result rebuilt = CliHarness.run("report", runId, "--json", "--jdbc-url", stack.jdbcUrl(),
                "--data-dir", dir.resolve("data").toString());
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).isEqualTo(reportText);

        CliHarness.Result runs = CliHarness.run("runs", "--jdbc-url", stack.jdbcUrl(), "--data-dir", dir.resolve("data").toString());
        assertThat(runs.out()).contains(runId).contains("completed");

        // a baseline that processed more in every measured window: against it this run's throughput regressed
        String[] db = {"--jdbc-url", stack.jdbcUrl(), "--data-dir", dir.resolve("data").toString()};
        RunStore store = new RunStore(stack.dataSource());
        // every one of its measured windows above the busiest of this run's (bursty and periodic sources vary them), so the
        // two samples do not overlap and the Mann-Whitney test is significant by construction, whatever this machine did
        String faster = "planted-faster-" + runId;
        double factor = separatingFactor(report);
        plant(store, faster, "ten-seconds", scaledThroughput(report, faster, factor));
        CliHarness.Result set = CliHarness.run(concat(new String[] {"baseline", "set", faster, "--name", "it-" + runId}, db));
        assertThat(set.exitCode()).as(set.err()).isZero();
        CliHarness.Result compare = CliHarness.run(concat(new String[] {"compare", runId, "--baseline", "it-" + runId, "--json"}, db));
        assertThat(compare.exitCode()).as("a regression exits 1: " + compare.err()).isEqualTo(1);
        JsonNode comparison = JSON.readTree(compare.out());
        assertThat(comparison.get("verdict").asText()).isEqualTo("REGRESSION");
        assertThat(comparison.get("metrics")).anySatisfy(m -> {
            assertThat(m.get("metric").asText()).isEqualTo("throughput_eps");
            assertThat(m.get("verdict").asText()).isEqualTo("REGRESSION");
            assertThat(m.get("p_value").asDouble()).isLessThan(0.01);
            assertThat(m.get("change_percent").asDouble()).isCloseTo((1 / factor - 1) * 100, org.assertj.core.data.Offset.offset(0.5));
        });
        // and the planted run against this one is an improvement of the same size, not a regression
        CliHarness.Result reverse = CliHarness.run(concat(new String[] {"compare", faster, "--baseline", runId, "--json"}, db));
        assertThat(reverse.exitCode()).as(reverse.err()).isZero();
        assertThat(JSON.readTree(reverse.out()).get("verdict").asText()).isEqualTo("IMPROVEMENT");

        // change points over stored history: five runs near 1,000 events/s, then five near 1,500
        String benchmark = "history-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        double[] throughput = {1000, 1012, 991, 1004, 996, 1503, 1490, 1511, 1497, 1505};
        List<String> history = new java.util.ArrayList<>();
        for (int i = 0; i < throughput.length; i++) {
            String id = benchmark + "-" + i;
            plant(store, id, benchmark, scaledThroughput(report, id, throughput[i] / report.at("/throughput/sustained_eps").asDouble()));
            history.add(id);
        }
        CliHarness.Result changes = CliHarness.run(concat(new String[] {"history", "--metric", "throughput_eps", "--spec", benchmark, "--json"}, db));
        assertThat(changes.exitCode()).as(changes.err()).isZero();
        JsonNode found = JSON.readTree(changes.out());
        assertThat(found.get("points")).hasSize(10);
        assertThat(found.get("change_points")).singleElement().satisfies(c -> {
            assertThat(c.get("index").asInt()).isEqualTo(5);
            assertThat(c.get("p_value").asDouble()).isLessThan(0.01);
            assertThat(c.get("change_percent").asDouble()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(1.0));
        });
        assertThat(found.at("/points/5/run_id").asText()).isEqualTo(history.get(5));
        CliHarness.Result table = CliHarness.run(concat(new String[] {"history", "--metric", "throughput_eps", "--spec", benchmark}, db));
        assertThat(table.out()).contains(history.get(5));
        CliHarness.Result plan = CliHarness.run(concat(new String[] {"plan", spec.toString(), "--capacity-from", "it-" + runId, "--json"}, db));
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(JSON.readTree(plan.out()).get("capacity_source").asText()).contains(runId);
        CliHarness.Result unknown = CliHarness.run(concat(new String[] {"compare", runId, "--baseline", "no-such-baseline"}, db));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines()).hasSize(1);

        // the input topics are gone; the dead-letter topic is kept, as it holds the corrupt records,
        // each under a reason of its class
        String deadLetters = "obs." + runId + ".dead-letter";
        try (Admin admin = stack.admin()) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics.stream().filter(t -> t.contains(runId))).containsExactly(deadLetters);
        }
        java.util.Map<String, Integer> reasons = deadLetterReasons(stack.bootstrapServers(), deadLetters);
        assertThat(reasons.values().stream().mapToInt(Integer::intValue).sum()).as(reasons.toString()).isEqualTo((int) corrupt);
        Set<String> allowed = new java.util.HashSet<>();
        for (lab.performance.observatory.schemas.CorruptRecords.Corruption c : lab.performance.observatory.schemas.CorruptRecords.Corruption.values()) {
            c.rejectedAs().forEach(r -> allowed.add(r.code()));
        }
        assertThat(allowed).containsAll(reasons.keySet());
        assertThat(reasons.keySet()).contains("bad-magic", "unknown-schema-id", "wrong-type");
    }

    /** The dead-letter topic read through: how many records under each reason code. */
    static java.util.Map<String, Integer> deadLetterReasons(String bootstrap, String topic) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", bootstrap);
        java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(p,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            java.util.Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (var record : consumer.poll(java.time.Duration.ofMillis(500))) {
                    String text = new String(record.headers().lastHeader(lab.performance.observatory.core.report.RecordHeaders.DEAD_LETTER_REASON)
                            .value(), StandardCharsets.UTF_8);
                    reasons.merge(text.substring(0, text.indexOf(':')), 1, Integer::sum);
                }
            }
        }
        return reasons;
    }
}
