package lab.performance.observatory.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import lab.performance.observatory.core.replay.InvalidProfileException;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.InvalidSpecException;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.schemas.profile.ReplayProfiles;

/**
 * A spec posted to the API, read as the CLI reads a spec file: replay sources' profiles are read
 * from the profiles directory ({@code observatory.api.profiles-dir}, relative paths relative to it,
 * nothing outside it: a client names files on this server) and written into the spec
 * (docs/load-profiles.md). A spec that replays nothing is passed on as posted.
 */
final class PostedSpecs {

    /** The validated spec and the text to hand on: the posted one, or the completed document as JSON. */
    record Posted(BenchmarkSpec spec, String text) {
    }

    private PostedSpecs() {
    }

    static Posted read(String body, Optional<String> profilesDir) throws InvalidSpecException {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest(null, "the body must be a PipelineBenchmark spec (JSON or YAML)");
        }
        JsonNode document = SpecParser.tree(body);
        if (!ReplayProfiles.replays(document)) {
            return new Posted(SpecParser.parse(document), body);
        }
        try {
            ReplayProfiles.completeOnServer(document, profilesDir.map(Path::of), "observatory.api.profiles-dir");
        } catch (InvalidProfileException e) {
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            throw ApiProblem.badRequest(colon > 0 ? message.substring(0, colon) : null, message);
        }
        return new Posted(SpecParser.parse(document), ReportJson.writeValue(document));
    }
}
