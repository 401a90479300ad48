package lab.performance.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphQlOverHttpTest {

    @Test
    void theResponseMediaTypeFollowsAccept() {
        assertThat(GraphQlOverHttp.accept(null)).isEqualTo("application/json");
        assertThat(GraphQlOverHttp.accept("application/graphql-response+json, application/json;q=0.9")).isEqualTo(GraphQlOverHttp.RESPONSE_JSON);
        assertThat(GraphQlOverHttp.accept("application/json")).isEqualTo("application/json");
        assertThat(GraphQlOverHttp.accept("text/html, */*;q=0.1")).isEqualTo("application/json");
        assertThatThrownBy(() -> GraphQlOverHttp.accept("text/html")).isInstanceOfSatisfying(GraphQlOverHttp.Refusal.class,
                r -> assertThat(r.status).isEqualTo(406));
    }

    @Test
    void aResultWithoutDataIsARequestErrorOnlyInTheNewMediaType() {
        assertThat(GraphQlOverHttp.status(GraphQlOverHttp.RESPONSE_JSON, false)).isEqualTo(400);
        assertThat(GraphQlOverHttp.status(GraphQlOverHttp.RESPONSE_JSON, true)).isEqualTo(200);
        assertThat(GraphQlOverHttp.status(GraphQlOverHttp.JSON, false)).isEqualTo(200);
    }

    @Test
    void aPostIsAJsonObjectWithAQueryString() {
        var r = GraphQlOverHttp.fromBody("application/json; charset=utf-8", "{\"query\": \"{ a }\", \"variables\": {\"x\": 1}, \"operationName\": \"Q\"}");
        assertThat(r).isEqualTo(new GraphQlOverHttp.Request("{ a }", Map.of("x", 1), "Q"));
        assertThat(GraphQlOverHttp.fromBody("application/json", "{\"query\": \"{ a }\", \"variables\": null}").variables()).isEmpty();
        assertRefused(() -> GraphQlOverHttp.fromBody("text/plain", "{}"), 415, "send the request as application/json");
        assertRefused(() -> GraphQlOverHttp.fromBody(null, "{}"), 415, "application/json");
        assertRefused(() -> GraphQlOverHttp.fromBody("application/json", "{\"query\": "), 400, "must be JSON");
        assertRefused(() -> GraphQlOverHttp.fromBody("application/json", "[1]"), 400, "a JSON object");
        assertRefused(() -> GraphQlOverHttp.fromBody("application/json", ""), 400, "a JSON object");
        assertRefused(() -> GraphQlOverHttp.fromBody("application/json", "{\"query\": 3}"), 400, "query:");
        assertRefused(() -> GraphQlOverHttp.fromBody("application/json", "{\"query\": \" \"}"), 400, "query:");
        assertRefused(() -> GraphQlOverHttp.fromBody("application/json", "{\"query\": \"{a}\", \"variables\": [1]}"), 400, "variables:");
        assertRefused(() -> GraphQlOverHttp.fromBody("application/json", "{\"query\": \"{a}\", \"operationName\": 1}"), 400, "operationName:");
    }

    @Test
    void aGetCarriesVariablesAsJsonText() {
        assertThat(GraphQlOverHttp.fromQueryString("{ a }", "{\"x\": \"y\"}", null)).isEqualTo(new GraphQlOverHttp.Request("{ a }", Map.of("x", "y"), null));
        assertThat(GraphQlOverHttp.fromQueryString("{ a }", null, "Q").operationName()).isEqualTo("Q");
        assertRefused(() -> GraphQlOverHttp.fromQueryString(null, null, null), 400, "in the query parameter");
        assertRefused(() -> GraphQlOverHttp.fromQueryString("{ a }", "{x", null), 400, "variables must be a JSON object");
        assertRefused(() -> GraphQlOverHttp.fromQueryString("{ a }", "\"x\"", null), 400, "variables: must be a JSON object");
    }

    static void assertRefused(Runnable call, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GraphQlOverHttp.Refusal.class, r -> {
            assertThat(r.status).isEqualTo(status);
            assertThat(r.getMessage()).contains(message);
        });
    }
}
