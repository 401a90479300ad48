package lab.performance.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    static final Optional<String> TOKEN = Optional.of("s3cret");

    @Test
    void readsAreOpenUnlessProtected() {
        assertThat(ApiToken.decide(true, false, Optional.empty(), null)).isEqualTo(ApiToken.Decision.ALLOW);
        assertThat(ApiToken.decide(true, false, TOKEN, null)).isEqualTo(ApiToken.Decision.ALLOW);
        assertThat(ApiToken.decide(true, true, TOKEN, null)).isEqualTo(ApiToken.Decision.MISSING);
        assertThat(ApiToken.decide(true, true, TOKEN, "Bearer s3cret")).isEqualTo(ApiToken.Decision.ALLOW);
    }

    @Test
    void changesNeedTheTokenAndAreDisabledWithoutOne() {
        assertThat(ApiToken.decide(false, false, Optional.empty(), "Bearer anything")).isEqualTo(ApiToken.Decision.DISABLED);
        assertThat(ApiToken.decide(false, false, Optional.of(""), "Bearer ")).isEqualTo(ApiToken.Decision.DISABLED);
        assertThat(ApiToken.decide(false, false, TOKEN, null)).isEqualTo(ApiToken.Decision.MISSING);
        assertThat(ApiToken.decide(false, false, TOKEN, "Basic czNjcmV0")).isEqualTo(ApiToken.Decision.MISSING);
        assertThat(ApiToken.decide(false, false, TOKEN, "Bearer s3cre")).isEqualTo(ApiToken.Decision.WRONG);
        assertThat(ApiToken.decide(false, false, TOKEN, "Bearer s3cret!")).isEqualTo(ApiToken.Decision.WRONG);
        assertThat(ApiToken.decide(false, false, TOKEN, "bearer s3cret")).isEqualTo(ApiToken.Decision.ALLOW);
    }
}
