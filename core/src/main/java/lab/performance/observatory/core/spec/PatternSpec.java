package lab.performance.observatory.core.spec;

/**
 * The shape of a data source's rate over time. The base rate is always the source's
 * {@code generation_rate}; each pattern only adds its own parameters.
 */
public sealed interface PatternSpec {

    String type();

    /** The base rate, constant. */
    record Steady() implements PatternSpec {
        public String type() {
            return "steady";
        }
    }

    /** base + amplitude * sin(2 pi t / period); amplitude is in events/s and never exceeds the base. */
    record Periodic(double periodSeconds, double amplitude) implements PatternSpec {
        public String type() {
            return "periodic";
        }
    }

    /** Cycles of a quiet phase at the base rate followed by a burst phase at {@code burstRate}. */
    record Bursty(double burstRate, double burstSeconds, double quietSeconds) implements PatternSpec {
        public String type() {
            return "bursty";
        }
    }

    /** Every {@code changeIntervalSeconds} a new rate drawn uniformly from [minRate, maxRate], seeded. */
    record Chaos(double minRate, double maxRate, double changeIntervalSeconds, long seed) implements PatternSpec {
        public String type() {
            return "chaos";
        }
    }
}
