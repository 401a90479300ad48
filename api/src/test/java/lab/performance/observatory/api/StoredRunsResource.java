package lab.performance.observatory.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import lab.performance.observatory.stack.EmbeddedStack;

/** The API on this test JVM's real PostgreSQL (zonky), the one the stored runs are planted in, and its real broker (the live feed). */
public class StoredRunsResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.datasource.jdbc.url", EmbeddedStack.get().jdbcUrl(), "observatory.api.bootstrap-servers",
                EmbeddedStack.get().bootstrapServers());
    }

    @Override
    public void stop() {
    }
}
