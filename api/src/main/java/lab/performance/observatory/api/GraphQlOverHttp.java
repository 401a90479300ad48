package lab.performance.observatory.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The GraphQL-over-HTTP rules the endpoint follows (docs/api.md, "GraphQL"), as pure decisions:
 * which response media type an Accept header gets (406 when it accepts neither), what a POST body
 * or GET query string must hold to be a GraphQL request (400 otherwise), and the status of a
 * result: with {@code application/graphql-response+json} a result without data (the document did
 * not parse or validate, or broke a depth or complexity limit) is 400, one with data is 200; with
 * legacy {@code application/json} every well-formed request is 200.
 */
final class GraphQlOverHttp {

    static final String RESPONSE_JSON = "application/graphql-response+json";
    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GraphQlOverHttp() {
    }

    /** A request the endpoint refuses before executing anything: its status and the GraphQL error message. */
    static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** A well-formed GraphQL request: the document, its variables (possibly empty) and the operation to run (possibly null). */
    record Request(String query, Map<String, Object> variables, String operationName) {
    }

    /** The media type to answer in: graphql-response+json when accepted, else application/json when accepted (or nothing said). */
    static String accept(String header) {
        if (header == null || header.isBlank()) {
            return JSON;
        }
        boolean json = false;
        for (String part : header.split(",")) {
            String type = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals(RESPONSE_JSON)) {
                return RESPONSE_JSON;
            }
            json |= type.equals(JSON) || type.equals("application/*") || type.equals("*/*");
        }
        if (!json) {
            throw new Refusal(406, "accept " + RESPONSE_JSON + " or " + JSON + ", not " + header);
        }
        return JSON;
    }

    static int status(String mediaType, boolean dataPresent) {
        return RESPONSE_JSON.equals(mediaType) && !dataPresent ? 400 : 200;
    }

    /** A POST: a JSON object with a string {@code query}, optional object {@code variables} and string {@code operationName}. */
    static Request fromBody(String contentType, String body) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals(JSON)) {
            throw new Refusal(415, "send the request as " + JSON + (type.isEmpty() ? "" : ", not " + type));
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new Refusal(400, "the body must be JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new Refusal(400, "the body must be a JSON object with a query");
        }
        return request(node.get("query"), node.get("variables"), node.get("operationName"), false);
    }

    /** A GET: {@code query}, and {@code variables} as JSON text, in the query string. */
    static Request fromQueryString(String query, String variables, String operationName) {
        JsonNode vars = null;
        if (variables != null && !variables.isEmpty()) {
            try {
                vars = MAPPER.readTree(variables);
            } catch (JsonProcessingException e) {
                throw new Refusal(400, "variables must be a JSON object: " + e.getOriginalMessage());
            }
        }
        return request(query == null ? null : MAPPER.getNodeFactory().textNode(query), vars,
                operationName == null ? null : MAPPER.getNodeFactory().textNode(operationName), true);
    }

    private static Request request(JsonNode query, JsonNode variables, JsonNode operationName, boolean get) {
        if (query == null || !query.isTextual() || query.asText().isBlank()) {
            throw new Refusal(400, "query: the request must carry a GraphQL document as a string" + (get ? " in the query parameter" : ""));
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        if (variables != null && !variables.isNull()) {
            if (!variables.isObject()) {
                throw new Refusal(400, "variables: must be a JSON object");
            }
            vars = MAPPER.convertValue(variables, MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
        }
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            throw new Refusal(400, "operationName: must be a string");
        }
        return new Request(query.asText(), vars, operationName == null || operationName.isNull() ? null : operationName.asText());
    }

    /** A GraphQL error response of one message. */
    static String error(String message) {
        try {
            return MAPPER.writeValueAsString(Map.of("errors", java.util.List.of(Map.of("message", message))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(Map<String, Object> value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
