package lab.performance.observatory.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.InvalidSpecException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The shipped load profiles ({@code observatory.api.profiles-dir}), each with its spec text, to start a run from. */
@Path("/api/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfilesResource {

    private final ApiSettings settings;

    public ProfilesResource(ApiSettings settings) {
        this.settings = settings;
    }

    @GET
    @Operation(summary = "The shipped load profiles: file, benchmark name, offered rate, duration, and the spec to post to /api/v1/runs")
    public String profiles() throws IOException {
        List<Map<String, Object>> profiles = new ArrayList<>();
        if (settings.profilesDir().isPresent()) {
            java.nio.file.Path dir = java.nio.file.Path.of(settings.profilesDir().get());
            if (Files.isDirectory(dir)) {
                try (Stream<java.nio.file.Path> files = Files.list(dir)) {
                    for (java.nio.file.Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                        profiles.add(profile(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), settings.profilesDir()));
                    }
                }
            }
        }
        return ReportJson.writeValue(profiles);
    }

    static Map<String, Object> profile(String file, String yaml, Optional<String> profilesDir) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("file", file);
        try {
            BenchmarkSpec spec = PostedSpecs.read(yaml, profilesDir).spec();
            p.put("name", spec.name());
            p.put("offered_eps", spec.totalBaseRate());
            p.put("duration_seconds", spec.duration().toSeconds());
            p.put("sources", spec.dataSources().size());
        } catch (InvalidSpecException | ApiProblem e) {
            p.put("error", e.getMessage());
        }
        p.put("spec", yaml);
        return p;
    }
}
