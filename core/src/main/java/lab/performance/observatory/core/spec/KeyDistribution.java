package lab.performance.observatory.core.spec;

/**
 * How record keys (symbol, device id, service) are drawn from a key space of {@code cardinality}
 * keys: uniformly, Zipf-skewed with {@code exponent} (a few hot keys), or round-robin.
 */
public record KeyDistribution(Kind kind, int cardinality, double exponent) {

    public enum Kind {
        UNIFORM("uniform"), ZIPF("zipf"), SEQUENTIAL("sequential");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
