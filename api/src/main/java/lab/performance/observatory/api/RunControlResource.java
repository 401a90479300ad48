package lab.performance.observatory.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.InvalidSpecException;
import lab.performance.observatory.store.RunStore;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Starting and aborting runs (behind the token, as every change is): a posted spec is validated,
 * given a run id and handed to the {@link RunLauncher}; 202 says where to follow it.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RunControlResource {

    static final Duration ABORT_WAIT = Duration.ofSeconds(60);

    private final RunLauncher launcher;
    private final RunStore store;
    private final Clock clock;
    private final ApiSettings settings;

    public RunControlResource(RunLauncher launcher, RunStore store, Clock clock, ApiSettings settings) {
        this.launcher = launcher;
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    @POST
    @Path("/runs")
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "Starts a run of the posted spec (JSON or YAML) on the configured stack; 202 with its id, 409 while another run holds the stack")
    public Response start(String body) throws InvalidSpecException, java.io.IOException {
        PostedSpecs.Posted posted = PostedSpecs.read(body, settings.profilesDir());
        BenchmarkSpec spec = posted.spec();
        String runId = RunNaming.newRunId(spec.name(), clock.instant(), ThreadLocalRandom.current());
        launcher.start(runId, posted.text(), this::recordedEnded);
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("run_id", runId);
        started.put("status", "starting");
        started.put("location", "/api/v1/runs/" + runId);
        started.put("report", "/api/v1/runs/" + runId + "/report");
        return Response.accepted(ReportJson.writeValue(started)).location(URI.create("/api/v1/runs/" + runId)).build();
    }

    private boolean recordedEnded(String runId) {
        try {
            return store.runs().status(runId).filter(s -> !s.equals("running")).isPresent();
        } catch (SQLException e) {
            return false; // the store cannot say: refuse as before
        }
    }

    @DELETE
    @Path("/runs/{id}")
    @Operation(summary = "Aborts a run started here: it stops and is recorded aborted")
    public String abort(@PathParam("id") String id) throws SQLException, InterruptedException {
        RunsResource.name("id", id);
        if (!launcher.abort(id, ABORT_WAIT)) {
            var status = store.runs().status(id);
            if (status.isEmpty() && launcher.launch(id).isEmpty()) {
                throw ApiProblem.notFound("no run " + id);
            }
            throw ApiProblem.conflict("run " + id + " is not going here (" + status.map(s -> "it is " + s)
                    .orElse("it ended before it was recorded") + "); only a run started by this API and still going can be aborted");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", id);
        body.put("status", store.runs().status(id).orElse("aborted"));
        return ReportJson.writeValue(body);
    }
}
