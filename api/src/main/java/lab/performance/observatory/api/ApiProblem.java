package lab.performance.observatory.api;

/**
 * A request the API cannot serve, said the way RFC 9457 says it: a status, a short title, what is
 * wrong in one line, and the parameter or field at fault when there is one.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    private ApiProblem(int status, String title, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ApiProblem badRequest(String field, String detail) {
        return new ApiProblem(400, "Bad request", detail, field);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail, null);
    }

    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(503, "Unavailable", detail, null);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
