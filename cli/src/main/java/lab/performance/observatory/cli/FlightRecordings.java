package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import lab.performance.observatory.core.profile.JvmRecording;
import lab.performance.observatory.core.profile.RecordingAnalysis;
import lab.performance.observatory.core.profile.StackSample;
import lab.performance.observatory.core.report.ComponentProfile;
import lab.performance.observatory.core.report.RunReport;
import one.convert.Arguments;
import one.convert.JfrToFlame;

/**
 * Turns a component's JFR recording into what the report shows: GC and allocation figures, hot
 * methods and CPU and allocation flamegraphs (async-profiler's jfr-converter), all for the measured
 * interval. The recording is started with the JVM ({@link #jvmOption}) and written when it exits.
 */
final class FlightRecordings {

    static final int HOT_METHODS = 15;

    private FlightRecordings() {
    }

    /**
     * Records from start to exit with {@code observatory.jfc}: CPU samples every 10 ms (docs/measurement.md, "Hot methods"), throttled
     * allocation samples and GC events, nothing else, so it can run in every benchmark. The
     * settings file is written next to the recording.
     */
    static String jvmOption(Path recording) throws IOException {
        Path settings = recording.toAbsolutePath().resolveSibling("observatory.jfc");
        try (java.io.InputStream in = FlightRecordings.class.getResourceAsStream("observatory.jfc")) {
            if (in == null) {
                throw new IOException("observatory.jfc is missing from the classpath");
            }
            Files.write(settings, in.readAllBytes());
        }
        return "-XX:StartFlightRecording:filename=" + recording + ",settings=" + settings + ",dumponexit=true";
    }

    static ComponentProfile analyse(String component, Path recording, Instant from, Instant to) throws IOException {
        JvmRecording parsed = read(recording);
        List<RunReport.HotMethod> hot = new ArrayList<>(RecordingAnalysis.hotMethods(component, "cpu", parsed.cpu(), from, to, HOT_METHODS));
        hot.addAll(RecordingAnalysis.hotMethods(component, "alloc", parsed.allocation(), from, to, HOT_METHODS));
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put(component + "_jfr", recording.toAbsolutePath().toString());
        Path dir = recording.toAbsolutePath().getParent();
        Path cpu = dir.resolve(component + "-cpu-flamegraph.html");
        flamegraph(recording, cpu, component + " CPU (measured interval)", false, from, to);
        artifacts.put(component + "_cpu_flamegraph", cpu.toString());
        Path alloc = dir.resolve(component + "-alloc-flamegraph.html");
        flamegraph(recording, alloc, component + " allocation (measured interval)", true, from, to);
        artifacts.put(component + "_alloc_flamegraph", alloc.toString());
        return ComponentProfile.of(component, RecordingAnalysis.activity(parsed, from, to), hot, artifacts);
    }

    static void flamegraph(Path recording, Path html, String title, boolean allocation, Instant from, Instant to) throws IOException {
        List<String> args = new ArrayList<>();
        if (allocation) {
            args.add("--alloc");
        }
        args.addAll(List.of("--title", title, "--from", Long.toString(from.toEpochMilli()), "--to", Long.toString(to.toEpochMilli())));
        JfrToFlame.convert(recording.toString(), html.toString(), new Arguments(args.toArray(String[]::new)));
        if (!Files.isRegularFile(html)) {
            throw new IOException("jfr-converter wrote no flamegraph to " + html);
        }
    }

    static JvmRecording read(Path recording) throws IOException {
        List<StackSample> cpu = new ArrayList<>();
        List<StackSample> alloc = new ArrayList<>();
        List<JvmRecording.Collection> gcs = new ArrayList<>();
        List<JvmRecording.HeapReading> heap = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> cpu.add(new StackSample(e.getStartTime(), frames(e.getStackTrace()), 1));
                    case "jdk.ObjectAllocationSample" ->
                            alloc.add(new StackSample(e.getStartTime(), frames(e.getStackTrace()), e.getLong("weight")));
                    case "jdk.GarbageCollection" -> gcs.add(new JvmRecording.Collection(e.getStartTime(), e.getInt("gcId"),
                            e.getDuration("sumOfPauses").toNanos() / 1e6, e.getDuration("longestPause").toNanos() / 1e6,
                            String.valueOf(e.getString("cause"))));
                    case "jdk.GCHeapSummary" -> heap.add(new JvmRecording.HeapReading(e.getStartTime(), e.getInt("gcId"),
                            "Before GC".equals(e.getString("when")), e.getLong("heapUsed")));
                    default -> {
                        // other events are not part of the report
                    }
                }
            }
        }
        return new JvmRecording(cpu, alloc, gcs, heap);
    }

    private static List<String> frames(RecordedStackTrace trace) {
        if (trace == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(trace.getFrames().size());
        for (RecordedFrame f : trace.getFrames()) {
            if (f.isJavaFrame()) {
                out.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
            }
        }
        return out;
    }
}
