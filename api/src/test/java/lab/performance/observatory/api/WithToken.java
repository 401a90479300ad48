package lab.performance.observatory.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The API with a configured bearer token, as a deployment that allows changes has. */
public class WithToken implements QuarkusTestProfile {

    static final String TOKEN = "test-token-7f3a";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("observatory.api.token", TOKEN);
    }
}
