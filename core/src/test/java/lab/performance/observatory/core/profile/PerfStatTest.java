package lab.performance.observatory.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PerfStatTest {

    /** perf stat -x, -I 1000 on a machine with hardware counters (rows as perf 6.1 writes them), one multiplexed row. */
    static final String COUNTED = """
            # started on Fri Dec  4 10:00:00 2026

                 1.001012345,998.12,msec,task-clock,998120000,100.00,0.998,CPUs utilized
                 1.001012345,2000000,,instructions,998120000,100.00,1.25,insn per cycle
                 1.001012345,1600000,,cycles,998120000,100.00,1.603,GHz
                 1.001012345,40000,,cache-references,998120000,100.00,40.080,M/sec
                 1.001012345,4000,,cache-misses,998120000,100.00,10.00,of all cache refs
                 2.002034567,1000.50,msec,task-clock,1000500000,100.00,1.000,CPUs utilized
                 2.002034567,3000000,,instructions,1000500000,100.00,1.50,insn per cycle
                 2.002034567,2000000,,cycles,1000500000,100.00,2.000,GHz
                 2.002034567,<not counted>,,cache-references,0,0.00,,
                 2.002034567,5000,,cache-misses,1000500000,100.00,,
                 3.003056789,500.00,msec,task-clock,500000000,100.00,0.500,CPUs utilized
                 3.003056789,1000000,,instructions,500000000,100.00,1.00,insn per cycle
                 3.003056789,1000000,,cycles,500000000,100.00,1.000,GHz
                 3.003056789,10000,,cache-references,500000000,100.00,10.000,M/sec
                 3.003056789,1000,,cache-misses,500000000,100.00,10.00,of all cache refs
            """;

    /** The same on a virtual machine without counters (as perf prints on this project's CI machines). */
    static final String NOT_SUPPORTED = """
                 1.000512345,997.03,msec,task-clock,997030000,100.00,0.997,CPUs utilized
                 1.000512345,<not supported>,,instructions,0,100.00,,
                 1.000512345,<not supported>,,cycles,0,100.00,,
                 1.000512345,<not supported>,,cache-references,0,100.00,,
                 1.000512345,<not supported>,,cache-misses,0,100.00,,
                 2.001012345,1001.10,msec,task-clock,1001100000,100.00,1.001,CPUs utilized
                 2.001012345,<not supported>,,instructions,0,100.00,,
                 2.001012345,<not supported>,,cycles,0,100.00,,
                 2.001012345,<not supported>,,cache-references,0,100.00,,
                 2.001012345,<not supported>,,cache-misses,0,100.00,,
            """;

    @Test
    void rowsEndingInsideTheWindowAreSummedPerEvent() {
        PerfStat.Counts all = PerfStat.parse(COUNTED, 0, 10);
        assertThat(all.rows()).isEqualTo(3);
        assertThat(all.get("instructions")).isEqualTo(6_000_000.0);
        assertThat(all.get("cycles")).isEqualTo(4_600_000.0);
        assertThat(all.get("task-clock")).isCloseTo(2498.62, within(1e-9));
        // a row perf could not count (multiplexed away) adds nothing, and the event stays counted by the others
        assertThat(all.get("cache-references")).isEqualTo(50_000.0);
        assertThat(all.get("cache-misses")).isEqualTo(10_000.0);
        assertThat(all.absent()).isEmpty();
    }

    @Test
    void theWindowExcludesItsStartAndIncludesItsEnd() {
        // (1.0010, 2.0021]: the second row only (a row is the interval that ends at its time)
        PerfStat.Counts second = PerfStat.parse(COUNTED, 1.001012345, 2.002034567);
        assertThat(second.rows()).isEqualTo(1);
        assertThat(second.get("instructions")).isEqualTo(3_000_000.0);
        // within it, cache-references was never counted: absent, with perf's word for it, never zero
        assertThat(second.get("cache-references")).isNull();
        assertThat(second.absent()).containsEntry("cache-references", "not counted");
        // a window before any row ended: nothing
        PerfStat.Counts none = PerfStat.parse(COUNTED, 0, 0.5);
        assertThat(none.rows()).isZero();
        assertThat(none.sums()).isEmpty();
    }

    @Test
    void countersTheMachineCannotCountAreAbsentWithTheReasonWhileTaskClockIsSummed() {
        PerfStat.Counts counts = PerfStat.parse(NOT_SUPPORTED, 0, 10);
        assertThat(counts.get("task-clock")).isCloseTo(1998.13, within(1e-9));
        assertThat(counts.sums()).containsOnlyKeys("task-clock");
        assertThat(counts.absent()).containsOnlyKeys(PerfStat.EVENTS.toArray(String[]::new))
                .containsValue("not supported");
    }

    @Test
    void headersBlankLinesAndForeignLinesAreSkipped() {
        PerfStat.Counts counts = PerfStat.parse("# header\n\nnot,a\nhello,1,,instructions\n   1.5,12,,instructions,1,100.00,,\n", 0, 2);
        assertThat(counts.get("instructions")).isEqualTo(12.0);
        assertThat(counts.rows()).isEqualTo(1);
        assertThat(PerfStat.parse("", 0, 2).sums()).isEmpty();
    }

    @Test
    void theProbeSaysWhyThereAreNoCounters() {
        // perf stat -x, -e instructions true: value,unit,event,...
        assertThat(PerfStat.unsupportedReason("123456,,instructions,400000,100.00,,\n")).isNull();
        assertThat(PerfStat.unsupportedReason("<not supported>,,instructions,0,100.00,,\n"))
                .isEqualTo("perf stat -e instructions: <not supported> (no hardware counters here, as in most virtual machines)");
        // perf_event_paranoid or a missing kernel tool: perf's own last line
        assertThat(PerfStat.unsupportedReason("Error:\nAccess to performance monitoring and observability operations is limited.\n"))
                .isEqualTo("perf stat -e instructions printed no count: Access to performance monitoring and observability operations is limited.");
        assertThat(PerfStat.unsupportedReason("")).isEqualTo("perf stat -e instructions printed no count: nothing");
    }
}
