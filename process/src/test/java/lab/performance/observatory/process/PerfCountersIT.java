package lab.performance.observatory.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import lab.performance.observatory.core.profile.PerfStat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real perf stat (Debian's linux-perf, installed by make test) attached to a real busy process. */
class PerfCountersIT {

    @Test
    void aBusyProcessIsCountedOverTheWindowAndCountersTheMachineLacksAreAbsentWithPerfsReason(@TempDir Path dir) throws Exception {
        Optional<String> noCounters = PerfCounters.probe("perf");
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            Instant start = Instant.now();
            Path out = dir.resolve("busy.perf.csv");
            PerfCounters counters = PerfCounters.attach("perf", busy.pid(), out, start);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3500));
            Instant end = Instant.now();
            PerfStat.Counts counts = counters.read(start, end);

            assertThat(Files.readString(out)).contains("task-clock");
            // one row a second, three of them inside 3.5 s (perf starts a little after `start`)
            assertThat(counts.rows()).isBetween(2, 4);
            // a process spinning on one core: close to 1,000 ms of task-clock per second counted, never more than a core
            double msPerRow = counts.get("task-clock") / counts.rows();
            assertThat(msPerRow).isBetween(200.0, 1100.0);
            if (noCounters.isEmpty()) {
                assertThat(counts.get("instructions")).isPositive();
                assertThat(counts.get("cycles")).isPositive();
            } else {
                // this machine has no hardware counters (a VM): the probe said why, and the attached perf agrees
                assertThat(noCounters.get()).contains("perf stat -e instructions");
                assertThat(counts.get("instructions")).isNull();
                assertThat(counts.absent()).containsKey("instructions");
            }
            // closed (read stops perf): a window after the end holds nothing more
            assertThat(counters.read(end.plusSeconds(1), end.plusSeconds(10)).rows()).isZero();
        } finally {
            busy.destroyForcibly();
        }
    }

    @Test
    void aMissingPerfIsOneLineNotAFailure() {
        assertThat(PerfCounters.probe("/nonexistent/perf")).hasValueSatisfying(reason -> assertThat(reason).startsWith("perf is not installed"));
    }
}
