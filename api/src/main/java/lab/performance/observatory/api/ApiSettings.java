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

    /** The observatory launcher ({@code bin/observatory}) whose {@code run} command starts posted runs; without one, runs cannot be started here. */
    Optional<String> runner();

    /** The data directory the runs started here use (their embedded broker's data, logs, reports); the launcher's default when unset. */
    Optional<String> dataDir();

    /** Where the shipped load profiles are (the project's load-profiles/), offered by the dashboard's start form; none when unset. */
    Optional<String> profilesDir();

    /** The Kafka cluster runs started here use; an embedded broker per run when unset. */
    Optional<String> bootstrapServers();
}
