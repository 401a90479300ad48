package lab.performance.observatory.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The API's own settings ({@code observatory.api.*}, or the environment: OBSERVATORY_API_TOKEN, ...). */
@ConfigMapping(prefix = "observatory.api")
public interface ApiSettings {

    /** The bearer token mutating requests must carry; without one they are disabled, not open. */
    Optional<String> token();

    /** Whether reads need the token too. */
    @WithDefault("false")
    boolean protectReads();
}
