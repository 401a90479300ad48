package lab.performance.observatory.core.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.performance.observatory.core.report.SummaryTable;

/** The fault table the chaos command prints: one row per fault, then why any failed. */
public final class FaultTable {

    private FaultTable() {
    }

    public static String render(List<FaultFigures> faults) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"fault", "at s", "down s", "lost", "duplicates", "DLQ repeats", "replays skipped", "send failed",
                "recovery s", "p99 before ms", "p99 peak ms", "audit", "result"});
        for (FaultFigures f : faults) {
            rows.add(new String[] {f.fault(), num(f.atSeconds(), 1), num(f.downSeconds(), 1), Long.toString(f.lost()),
                    f.duplicates() == null ? "-" : Long.toString(f.duplicates()), Long.toString(f.deadLetterRepeats()),
                    Long.toString(f.replaysSkipped()), Long.toString(f.sendFailed()),
                    f.recoverySeconds() == null ? "never" : num(f.recoverySeconds(), 1),
                    f.p99BeforeMs() == null ? "-" : num(f.p99BeforeMs(), 1), f.p99PeakMs() == null ? "-" : num(f.p99PeakMs(), 1),
                    f.audit(), f.passed() ? "pass" : "FAIL"});
        }
        StringBuilder out = new StringBuilder(SummaryTable.table(rows, -1));
        for (FaultFigures f : faults) {
            f.failures().forEach(why -> out.append("  - ").append(f.fault()).append(": ").append(why).append('\n'));
        }
        return out.toString();
    }

    private static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
