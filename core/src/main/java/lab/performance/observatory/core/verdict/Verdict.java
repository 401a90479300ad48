package lab.performance.observatory.core.verdict;

import java.util.Locale;

/** What a comparison concludes about one metric, or about a whole run. */
public enum Verdict {
    REGRESSION,
    IMPROVEMENT,
    NO_SIGNIFICANT_CHANGE,
    /** Too few per-window samples on one side for the test. */
    INSUFFICIENT_DATA;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
