package lab.performance.observatory.schemas;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the decode path with Jazzer (docs/reliability.md). In {@code make test}
 * this runs in regression mode: the seeds under {@code DecodeFuzzTestInputs/} (a valid record of
 * every type, schema version and framing, and every finding kept since) go through every
 * strategy. {@code make fuzz} searches for new inputs for {@code FUZZ_FOR} (default 5 minutes).
 */
class DecodeFuzzTest {

    private static final EveryStrategy EVERY_STRATEGY = new EveryStrategy();

    @FuzzTest(maxDuration = "5m")
    void everyInputIsDecodedOrRejectedAlikeByEveryStrategy(byte[] record) {
        EVERY_STRATEGY.decodes(record, "fuzz input");
    }
}
