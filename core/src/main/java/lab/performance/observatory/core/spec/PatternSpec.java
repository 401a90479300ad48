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

    /**
     * A recorded load profile played back (docs/load-profiles.md): the recording's inter-arrival
     * times divided by {@code speed}, its sizes and keys; {@code loop} repeats it, otherwise the
     * source ends with the recording. {@code stream} picks one recorded stream (null: all of them,
     * merged). {@code recorded} holds what the profile file held when the run was planned, filled
     * in by the front end that read it (see {@code ProfileFacts}). The source's rate is {@code scale}
     * copies per recorded event (concurrent streams, --find-max, generator shares): replayed event n is
     * recorded event floor(n / scale + phase).
     */
    record Replay(String profile, double speed, boolean loop, String stream, Recorded recorded, double scale, long phase)
            implements PatternSpec {
        public String type() {
            return "replay";
        }

        /** Events per second the replay offers on average (the source's generation rate). */
        public double meanRate() {
            return recorded.meanRate() * speed * scale;
        }

        /** Events per second in the recording's busiest second, as replayed. */
        public double peakRate() {
            return recorded.peakRate() * speed * scale;
        }

        /** Seconds the replay of one pass of the recording takes. */
        public double passSeconds() {
            return recorded.seconds() / speed;
        }

        public Replay scaled(double f) {
            return new Replay(profile, speed, loop, stream, recorded, scale * f, phase);
        }

        public Replay withPhase(long newPhase) {
            return new Replay(profile, speed, loop, stream, recorded, scale, newPhase);
        }
    }

    /**
     * What a profile file holds for the replayed stream(s): events, seconds, the mean and the
     * busiest second's rate, sizes, distinct keys, and the file's SHA-256 (the generator refuses a
     * file that changed since the run was planned).
     */
    record Recorded(long events, double seconds, double meanRate, double peakRate, int minBytes, int maxBytes, double meanBytes,
                    int distinctKeys, String sha256) {
    }
}
