package lab.performance.observatory.api;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.SQLException;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.store.RunStore;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Baselines: listing them, and naming one (the one change the API makes so far, behind the token, {@link ApiToken}). */
@Path("/api/v1/baselines")
public class BaselinesResource {

    /** The body of a baseline: which completed run the name points at. */
    public record SetBaseline(String name, String runId) {
    }

    private final RunStore store;

    public BaselinesResource(RunStore store) {
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Named baselines and the runs they point at")
    public String list() throws SQLException {
        return ReportJson.writeValue(store.baselines().list());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Names a completed run as a baseline (needs the API's bearer token)")
    public Response set(String body) throws SQLException {
        SetBaseline request;
        try {
            request = ReportJson.readValue(body == null || body.isBlank() ? "{}" : body, SetBaseline.class);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof UnrecognizedPropertyException u) {
                throw ApiProblem.badRequest(u.getPropertyName(), u.getPropertyName() + ": unknown field (a baseline has name and run_id)");
            }
            throw ApiProblem.badRequest(null, "the body must be JSON {\"name\": ..., \"run_id\": ...}");
        }
        if (request.name() == null) {
            throw ApiProblem.badRequest("name", "name: the baseline's name is required");
        }
        if (request.runId() == null) {
            throw ApiProblem.badRequest("run_id", "run_id: the run the baseline points at is required");
        }
        String name = RunsResource.name("name", request.name());
        RunReport report = RunsResource.report(RunsResource.name("run_id", request.runId()), store);
        if (!"completed".equals(report.status())) {
            throw ApiProblem.badRequest("run_id", "run_id: run " + report.runId() + " ended " + report.status() + "; only a completed run can be a baseline");
        }
        store.baselines().set(name, report.runId());
        return Response.created(URI.create("/api/v1/baselines")).type(MediaType.APPLICATION_JSON)
                .entity(ReportJson.writeValue(new SetBaseline(name, report.runId()))).build();
    }
}
