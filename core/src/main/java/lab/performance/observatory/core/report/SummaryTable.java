package lab.performance.observatory.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human form of a report: a few aligned tables for a terminal. */
public final class SummaryTable {

    private SummaryTable() {
    }

    public static String render(RunReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Run %s  benchmark %s  status %s%n", r.runId(), r.benchmark(), r.status()));
        out.append(String.format(Locale.ROOT, "Generated for %.1f s (warm-up %.1f s excluded, %.1f s measured), drain %s in %.1f s%n%n",
                r.timing().durationSeconds(), r.timing().warmupSeconds(), r.timing().measuredSeconds(),
                r.timing().drainCompleted() ? "complete" : "INCOMPLETE", r.timing().drainSeconds()));

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"type", "generated", "processed", "dead-lettered", "lost", "sustained eps", "peak eps",
                "MB/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms"});
        r.byType().forEach((type, t) -> rows.add(row(type, t.events(), t.throughput(), t.latencyMs())));
        rows.add(row("total", r.events(), r.throughput(), r.latencyMs()));
        out.append(table(rows, rows.size() - 1));
        out.append(String.format(Locale.ROOT, "Latency p50 / p99 / p99.9 ms: schedule slip %s, publish %s, end to end %s; warm-up end to end %s%n",
                triple(r.latencyMs().scheduleSlip()), triple(r.latencyMs().publish()), triple(r.latencyMs().endToEnd()),
                triple(r.warmupLatencyMs().endToEnd())));
        if (r.latencyMs().commitToKafka() != null && r.latencyMs().commitToKafka().count() > 0) {
            out.append(String.format(Locale.ROOT, "CDC commit to Kafka p50 / p99 / p99.9 ms: %s%n", triple(r.latencyMs().commitToKafka())));
        }

        if (!r.resources().isEmpty()) {
            out.append('\n');
            List<String[]> res = new ArrayList<>();
            res.add(new String[] {"component", "CPU cores", "peak RSS MB", "threads", "GC pauses ms (max)", "alloc MB/s", "switches/s vol/invol", "run queue ms/s"});
            for (Map.Entry<String, RunReport.ComponentResources> e : r.resources().entrySet()) {
                RunReport.ComponentResources c = e.getValue();
                RunReport.JvmActivity j = c.jvm();
                res.add(new String[] {e.getKey(), String.format(Locale.ROOT, "%.2f", c.cpuCores()),
                        String.format(Locale.ROOT, "%.0f", c.peakRssMb()), Integer.toString(c.peakThreads()),
                        j == null ? "-" : String.format(Locale.ROOT, "%.0f (%.0f)", j.gcPauseTotalMs(), j.gcPauseMaxMs()),
                        j == null ? "-" : String.format(Locale.ROOT, "%.1f", j.allocationMbPerSecond()),
                        c.scheduling() == null ? "-" : String.format(Locale.ROOT, "%,.0f / %,.0f", c.scheduling().voluntarySwitchesPerSecond(),
                                c.scheduling().involuntarySwitchesPerSecond()),
                        c.scheduling() == null ? "-" : String.format(Locale.ROOT, "%,.1f", c.scheduling().runQueueMsPerSecond())});
            }
            out.append(table(res, -1));
        }
        RunReport.Processing p = r.processing();
        out.append(String.format(Locale.ROOT, "%nDecoding: %s, zero-copy ratio %.2f, %d fallback(s), topology CPU %.2f µs/event%n",
                p.strategy(), p.zeroCopyRatio(), p.decodeFallbacks(), p.topologyCpuUsPerEvent()));
        if (p.consumerCopiedBytes() != null) {
            out.append(String.format(Locale.ROOT, "Copies: the decoder copied %s of %s of payload; Kafka's consumer copied every record value "
                            + "(%s) into the byte[] Streams hands on; topology allocation %s per event, records %s on average%n",
                    bytes(p.copiedBytes()), bytes(p.receivedBytes()), bytes(p.consumerCopiedBytes()),
                    p.allocationBytesPerEvent() == null ? "unmeasured (no flight recording)" : String.format(Locale.ROOT, "%,.0f B", p.allocationBytesPerEvent()),
                    p.recordBytesPerEvent() == null ? "-" : String.format(Locale.ROOT, "%,.0f B", p.recordBytesPerEvent())));
        }
        out.append(String.format(Locale.ROOT, "Processing guarantee: %s; replayed records the sink recognised and skipped: %s%n",
                p.processingGuarantee(), TargetEvaluator.fmt(p.replaysSkipped())));
        if (r.broker() != null) {
            out.append(String.format(Locale.ROOT, "Broker: %.2f MB/s in, %.2f MB/s out; produce requests %.2f ms mean, %.2f ms p99%n",
                    r.broker().bytesInPerSecond() / 1e6, r.broker().bytesOutPerSecond() / 1e6, r.broker().produceRequestMeanMs(),
                    r.broker().produceRequestP99Ms()));
        }
        r.hotMethods().stream().filter(h -> TargetEvaluator.TARGET_COMPONENT.equals(h.component()) && "cpu".equals(h.kind())).limit(3)
                .forEach(h -> out.append(String.format(Locale.ROOT, "Hot (topology CPU): %5.1f %% self%s, %5.1f %% total  %s%n",
                        h.selfPercent(), h.samples() == null ? "" : String.format(Locale.ROOT, " (%.1f-%.1f, %s of %s samples)", h.selfLowPercent(),
                                h.selfHighPercent(), TargetEvaluator.fmt(h.samples()), TargetEvaluator.fmt(h.intervalSamples())),
                        h.totalPercent(), h.method())));
        out.append('\n');
        if (r.events().undrained() > 0) {
            out.append("Undrained: ").append(TargetEvaluator.fmt(r.events().undrained()))
                    .append(" records were still in the topics when draining stopped\n");
        }
        if (r.events().corruptSent() > 0) {
            out.append(String.format(Locale.ROOT, "Corrupt mix: %s corrupt records sent, %s dead-lettered%n",
                    TargetEvaluator.fmt(r.events().corruptSent()), TargetEvaluator.fmt(r.events().deadLettered())));
        }
        if (r.audit() != null) {
            out.append(auditLine(r.audit())).append('\n');
            r.audit().discrepancies().forEach(d -> out.append("  - ").append(d).append('\n'));
        }
        if (r.notes() != null) {
            r.notes().forEach(n -> out.append("Note: ").append(n).append('\n'));
        }
        if (r.ceiling() != null) {
            out.append(ceiling(r.ceiling())).append('\n');
        }
        if (r.cpuCounters() != null) {
            out.append(cpuCounters(r.cpuCounters())).append('\n');
        }
        if (r.bottlenecks() != null) {
            r.bottlenecks().forEach(b -> out.append("Limit: ").append(b.finding()).append("\n  try: ").append(b.recommendation()).append('\n'));
        }
        if (r.targets().met()) {
            out.append("Targets: met\n");
        } else {
            out.append("Targets: NOT met\n");
            r.targets().failures().forEach(f -> out.append("  - ").append(f).append('\n'));
        }
        return out.toString();
    }

    private static String[] row(String name, RunReport.EventCounts e, RunReport.Throughput t, RunReport.Latency l) {
        RunReport.Percentiles p = l.endToEnd();
        return new String[] {name, TargetEvaluator.fmt(e.generated()), TargetEvaluator.fmt(e.processed()),
                TargetEvaluator.fmt(e.deadLettered()), TargetEvaluator.fmt(e.lost()),
                String.format(Locale.ROOT, "%,.0f", t.sustainedEps()), String.format(Locale.ROOT, "%,.0f", t.peakEps()),
                String.format(Locale.ROOT, "%.2f", t.bytesPerSecond() / 1e6),
                ms(p.p50()), ms(p.p99()), ms(p.p999()), ms(p.max())};
    }

    private static String triple(RunReport.Percentiles p) {
        return p.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f", p.p50(), p.p99(), p.p999());
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Left-aligns the first column, right-aligns the rest; a rule above row {@code ruleBefore}. */
    /** One line: the auditor's verdict, what Kafka holds, duplicates and recognised dead-letter repeats. */
    static String auditLine(RunReport.Audit a) {
        long inTopics = a.byType().values().stream().mapToLong(RunReport.AuditLine::inTopics).sum();
        return String.format(Locale.ROOT, "Audit (Kafka's own count): %s; the input topics hold %s, duplicates %d, dead-letter repeats recognised %d",
                a.verdict(), TargetEvaluator.fmt(inTopics), a.duplicates(), a.deadLetterRepeats());
    }

    public static String table(List<String[]> rows, int ruleBefore) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            if (i == 1 || i == ruleBefore) {
                for (int c = 0; c < columns; c++) {
                    out.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
                }
                out.append('\n');
            }
            String[] row = rows.get(i);
            for (int c = 0; c < columns; c++) {
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                out.append(c == 0 ? cell + pad : "  " + pad + cell);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Bytes for a reader: B, KB, MB or GB (decimal). */
    static String bytes(long n) {
        return n < 10_000 ? String.format(Locale.ROOT, "%,d B", n) : n < 10_000_000 ? String.format(Locale.ROOT, "%.1f KB", n / 1e3)
                : n < 10_000_000_000L ? String.format(Locale.ROOT, "%.1f MB", n / 1e6) : String.format(Locale.ROOT, "%.2f GB", n / 1e9);
    }

    /** One line: why there are no counters, or per component IPC and cache misses. */
    /** One line: the pipeline over raw Kafka and over a pass-through topology, each with its spread over the repeats. */
    static String ceiling(RunReport.Ceiling c) {
        StringBuilder line = new StringBuilder("Ceiling (same stack, same rate):");
        line.append(ratio(" end-to-end p99 ", c.endToEndP99VsRaw(), "raw Kafka's", c.rawP99Ms(), "ms"));
        line.append(ratio(" end-to-end p99 ", c.endToEndP99VsPassThrough(), "a pass-through topology's", c.passThroughP99Ms(), "ms"));
        line.append(ratio(" topology CPU/event ", c.cpuPerEventVsPassThrough(), "the pass-through's", c.passThroughCpuUsPerEvent(), "µs"));
        if (c.maxRateVsPassThrough() != null) {
            line.append(String.format(Locale.ROOT, " max sustainable rate %,.0f events/s = %.2fx the pass-through's %,.0f;", c.pipelineMaxEps(),
                    c.maxRateVsPassThrough(), c.passThroughMaxEps()));
        } else if (c.pipelineMaxEps() != null || c.passThroughMaxEps() != null) {
            line.append(c.pipelineMaxEps() == null ? " max sustainable rate: the pipeline sustained none of the rates tried;"
                    : " max sustainable rate: the pass-through sustained none of the rates tried;");
        }
        return line.substring(0, line.length() - 1);
    }

    private static String ratio(String what, RunReport.Ratio r, String of, Double value, String unit) {
        if (r == null || value == null) {
            return what + "vs " + of + ": unmeasured;";
        }
        return String.format(Locale.ROOT, "%s%.2fx %s %s %s (%.2f-%.2f over %d);", what, r.mean(), of, TargetEvaluator.fmt(value), unit,
                r.min(), r.max(), r.repeats());
    }

    static String cpuCounters(RunReport.CpuCounters c) {
        if (!c.available()) {
            return "CPU counters: absent (" + c.reason() + ")";
        }
        StringBuilder line = new StringBuilder("CPU counters (perf stat):");
        c.byComponent().forEach((component, k) -> line.append(String.format(Locale.ROOT, " %s IPC %s, cache misses %s%s;", component,
                k.instructionsPerCycle() == null ? "absent" : String.format(Locale.ROOT, "%.2f", k.instructionsPerCycle()),
                k.cacheMissPercent() == null ? "absent" : String.format(Locale.ROOT, "%.1f %%", k.cacheMissPercent()),
                k.instructionsPerEvent() == null ? "" : String.format(Locale.ROOT, ", %,.0f instructions/event", k.instructionsPerEvent()))));
        return line.substring(0, line.length() - 1);
    }
}
