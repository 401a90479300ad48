package lab.performance.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Without a configured token the API changes nothing, says how to enable changes, and still serves reads. */
@QuarkusTest
@QuarkusTestResource(StoredRunsResource.class)
class ApiWithoutTokenIT {

    @TestHTTPResource("/")
    URL root;

    @Test
    void changesAreDisabledNotOpen() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(root.toURI().resolve("/api/v1/baselines"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer guess")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"x\", \"run_id\": \"y\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("changes are disabled").contains("OBSERVATORY_API_TOKEN");
        assertThat(http.send(HttpRequest.newBuilder(root.toURI().resolve("/api/v1/runs?size=1")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }
}
