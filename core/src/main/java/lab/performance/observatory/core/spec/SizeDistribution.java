package lab.performance.observatory.core.spec;

/** Framed event size in bytes, header included: uniform over [min, max] or a normal clipped to it. */
public record SizeDistribution(int minBytes, int maxBytes, Shape shape) {

    public enum Shape {
        UNIFORM("uniform"),
        /** mean at the midpoint, standard deviation a sixth of the range, clipped to [min, max] */
        NORMAL("normal");

        private final String wireName;

        Shape(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public double meanBytes() {
        return (minBytes + maxBytes) / 2.0;
    }
}
