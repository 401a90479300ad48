package lab.performance.observatory.core.soak;

import java.util.Locale;

/**
 * What a soak watches per component, how much growth over the soak's window is noise (the larger of
 * an absolute floor and a share of the level at the start), and whether growth fails the soak: all
 * resident memory ({@code rss}) is reported, not judged, because it holds mapped files (a broker's
 * indexes) and shared memory (the buffers PostgreSQL's backends touch), which grow with the data and
 * are not leaks; its anonymous part ({@code rss_anon}) is judged (docs/reliability.md, "Soak").
 */
public enum SoakMetric {
    RSS("rss", true, false, 4L << 20, 0.03),
    RSS_ANON("rss_anon", true, true, 4L << 20, 0.03),
    HEAP_AFTER_GC("heap_after_gc", true, true, 4L << 20, 0.03),
    THREADS("threads", false, true, 2, 0.02),
    OPEN_FILES("open_files", false, true, 4, 0.02);

    private final String wireName;
    private final boolean bytes;
    private final boolean judged;
    private final double floor;
    private final double share;

    SoakMetric(String wireName, boolean bytes, boolean judged, double floor, double share) {
        this.wireName = wireName;
        this.bytes = bytes;
        this.judged = judged;
        this.floor = floor;
        this.share = share;
    }

    public String wireName() {
        return wireName;
    }

    public static SoakMetric fromWireName(String wireName) {
        for (SoakMetric m : values()) {
            if (m.wireName.equals(wireName)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown soak metric " + wireName);
    }

    /** Whether its growth fails the soak. */
    public boolean judged() {
        return judged;
    }

    /** The growth from {@code level} that is still flat. */
    public double tolerance(double level) {
        return Math.max(floor, share * Math.abs(level));
    }

    /** A value of this metric for a table: MiB for memory, a count otherwise. */
    public String format(double value) {
        if (bytes) {
            return String.format(Locale.ROOT, "%.1f MiB", value / (1 << 20));
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** A change of this metric, with its sign. */
    public String formatChange(double value) {
        return (value >= 0 ? "+" : "-") + format(Math.abs(value));
    }
}
