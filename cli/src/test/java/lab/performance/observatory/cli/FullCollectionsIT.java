package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.profile.JvmRecording;
import lab.performance.observatory.core.soak.SoakAnalysis;
import lab.performance.observatory.process.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak's full collections on a real child JVM: {@code jcmd GC.run} reaches it, its flight
 * recording holds a full collection per call, and {@link JvmRecording#heapAfter} finds them by cause.
 */
class FullCollectionsIT {

    @TempDir
    Path dir;

    /** A JVM that allocates a little and waits to be stopped (the program under test, not the test: it paces itself). */
    public static final class Idle {
        public static void main(String[] args) throws Exception {
            List<byte[]> kept = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                kept.add(new byte[64 * 1024]);
                if (kept.size() > 50) {
                    kept.remove(0);
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void everyCallIsAFullCollectionTheRecordingHolds() throws Exception {
        Path recording = dir.resolve("idle.jfr");
        List<String> options = new ArrayList<>(List.of("-Xmx64m", "-XX:+UseG1GC", FlightRecordings.jvmOption(recording)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), false);
        try (ChildProcess idle = ChildProcess.start("idle", ChildProcess.javaCommand(options, System.getProperty("java.class.path"),
                Idle.class.getName(), List.of()), dir.resolve("idle.log"), Map.of())) {
            assertThat(FullCollections.jvms()).extracting(ProcessHandle::pid).contains(idle.handle().pid());
            try (FullCollections full = FullCollections.start(console, Duration.ofMillis(500))) {
                org.awaitility.Awaitility.await("three full collections").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> full.collections() >= 3);
            }
            idle.stop(Duration.ofSeconds(20)); // SIGTERM: the recording is written on exit
        }
        JvmRecording parsed = FlightRecordings.read(recording);
        List<JvmRecording.HeapReading> afterFull = parsed.heapAfter(SoakAnalysis.FORCED_GC_CAUSE);
        assertThat(afterFull).hasSizeGreaterThanOrEqualTo(3).allMatch(h -> !h.beforeGc());
        assertThat(afterFull).allMatch(h -> h.usedBytes() > 0 && h.usedBytes() < 64L << 20);
        assertThat(parsed.collections()).filteredOn(c -> SoakAnalysis.FORCED_GC_CAUSE.equals(c.cause())).hasSize(afterFull.size());
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("warning");
    }
}
