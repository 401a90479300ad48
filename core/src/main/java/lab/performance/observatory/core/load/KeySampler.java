package lab.performance.observatory.core.load;

import java.util.random.RandomGenerator;
import lab.performance.observatory.core.spec.KeyDistribution;

/** Draws key indexes in [0, cardinality) as a data source's key distribution asks. Not thread-safe. */
public abstract class KeySampler {

    protected final int cardinality;

    protected KeySampler(int cardinality) {
        this.cardinality = cardinality;
    }

    public abstract int next();

    public int cardinality() {
        return cardinality;
    }

    public static KeySampler of(KeyDistribution distribution, RandomGenerator random) {
        return switch (distribution.kind()) {
            case UNIFORM -> new Uniform(distribution.cardinality(), random);
            case SEQUENTIAL -> new Sequential(distribution.cardinality());
            case ZIPF -> new Zipf(distribution.cardinality(), distribution.exponent(), random);
        };
    }

    static final class Uniform extends KeySampler {
        private final RandomGenerator random;

        Uniform(int cardinality, RandomGenerator random) {
            super(cardinality);
            this.random = random;
        }

        @Override
        public int next() {
            return random.nextInt(cardinality);
        }
    }

    static final class Sequential extends KeySampler {
        private int next;

        Sequential(int cardinality) {
            super(cardinality);
        }

        @Override
        public int next() {
            int key = next;
            next = next + 1 == cardinality ? 0 : next + 1;
            return key;
        }
    }

    /**
     * Key k (rank k + 1) with probability proportional to 1 / (k + 1)^exponent, by rejection-inversion
 * (Hörmann and Derflinger, 1996): constant time and memory for any cardinality.
     */
    static final class Zipf extends KeySampler {
        private final double exponent;
        private final RandomGenerator random;
        private final double hIntegralX1;
        private final double hIntegralN;
        private final double s;

        Zipf(int cardinality, double exponent, RandomGenerator random) {
            super(cardinality);
            this.exponent = exponent;
            this.random = random;
            this.hIntegralX1 = hIntegral(1.5) - 1.0;
            this.hIntegralN = hIntegral(cardinality + 0.5);
            this.s = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
        }

        @Override
        public int next() {
            while (true) {
                double u = hIntegralN + random.nextDouble() * (hIntegralX1 - hIntegralN);
                double x = hIntegralInverse(u);
                int k = (int) (x + 0.5);
                if (k < 1) {
                    k = 1;
                } else if (k > cardinality) {
                    k = cardinality;
                }
                if (k - x <= s || u >= hIntegral(k + 0.5) - h(k)) {
                    return k - 1;
                }
            }
        }

        private double h(double x) {
            return Math.exp(-exponent * Math.log(x));
        }

        private double hIntegral(double x) {
            double logX = Math.log(x);
            return helper2((1.0 - exponent) * logX) * logX;
        }

        private double hIntegralInverse(double x) {
            double t = x * (1.0 - exponent);
            if (t < -1.0) {
                t = -1.0; // numerical guard at the far tail
            }
            return Math.exp(helper1(t) * x);
        }

        /** log(1 + x) / x, stable near 0. */
        private static double helper1(double x) {
            return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
        }

        /** (exp(x) - 1) / x, stable near 0. */
        private static double helper2(double x) {
            return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
        }
    }
}
