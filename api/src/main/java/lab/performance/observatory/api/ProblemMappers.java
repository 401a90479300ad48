package lab.performance.observatory.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.spec.InvalidSpecException;
import org.jboss.logging.Logger;

/**
 * Every error leaves as {@code application/problem+json} (RFC 9457): what the caller got wrong as a
 * 4xx naming the field, anything else as a 500 that says only that it failed (the stack trace goes
 * to the log, never into a response).
 */
final class ProblemMappers {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    static Response problem(int status, String title, String detail, String field) {
        return Response.status(status).type(PROBLEM_JSON).entity(problemJson(status, title, detail, field)).build();
    }

    static String problemJson(int status, String title, String detail, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        return ReportJson.writeValue(body);
    }

    @Provider
    public static final class Problems implements ExceptionMapper<ApiProblem> {
        @Override
        public Response toResponse(ApiProblem e) {
            return problem(e.status(), e.title(), e.getMessage(), e.field());
        }
    }

    /** A spec that fails validation: the validator's message names the field. */
    @Provider
    public static final class InvalidSpecs implements ExceptionMapper<InvalidSpecException> {
        @Override
        public Response toResponse(InvalidSpecException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            return problem(400, "Invalid spec", message, colon > 0 && !message.substring(0, colon).contains(" ") ? message.substring(0, colon) : null);
        }
    }

    /** Malformed JSON in a body. */
    @Provider
    public static final class MalformedJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return problem(400, "Malformed JSON", e.getOriginalMessage(), null);
        }
    }

    /** JAX-RS's own refusals (unknown path 404, wrong method 405, unacceptable media type 406/415, bad parameter 400). */
    @Provider
    public static final class WebErrors implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                LOG.error("request failed", e);
                return problem(status, "Internal error", "the request failed on the server; its log says why", null);
            }
            return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null);
        }
    }

    @Provider
    public static final class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            LOG.error("request failed", e);
            return problem(500, "Internal error", "the request failed on the server; its log says why", null);
        }
    }
}
