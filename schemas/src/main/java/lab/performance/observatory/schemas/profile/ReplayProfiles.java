package lab.performance.observatory.schemas.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import lab.performance.observatory.core.replay.InvalidProfileException;
import lab.performance.observatory.core.replay.ReplayTrace;
import lab.performance.observatory.core.spec.SpecWriter;

/**
 * Completes a spec document before it is validated: every replay source's profile is read, its path
 * made absolute (relative paths are relative to {@code base}, the spec file's directory), and what it
 * holds written into {@code pattern.recorded} (docs/load-profiles.md). Every front end that accepts
 * specs calls this, so a replay spec means the same to each of them; the stored spec then needs no
 * file to be read back.
 */
public final class ReplayProfiles {

    private ReplayProfiles() {
    }

    /** Completes {@code document} in place; a profile that cannot be used is one line naming the source. */
    public static void complete(JsonNode document, Path base) throws InvalidProfileException {
        complete(document, base, null);
    }

    /**
     * As a server completes a spec it was sent (the API, the operator): profiles are named relative to
     * its profiles directory and read only inside it, since a client must not open any file it names on
     * the server; a server without one ({@code setting} names how to give it one) refuses replay specs.
     */
    public static void completeOnServer(JsonNode document, java.util.Optional<Path> profilesDir, String setting)
            throws InvalidProfileException {
        if (!replays(document)) {
            return;
        }
        if (profilesDir.isEmpty()) {
            throw new InvalidProfileException("spec.data_sources: a replay source needs a load profile and this server has no profiles "
                    + "directory (" + setting + ") to read one from");
        }
        complete(document, profilesDir.get(), profilesDir.get());
    }

    /** Whether any data source of the document replays a profile. */
    public static boolean replays(JsonNode document) {
        for (JsonNode source : document.path("spec").path("data_sources")) {
            if ("replay".equals(source.path("pattern").path("type").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /**
     * As {@link #complete(JsonNode, Path)}, reading profiles only inside {@code root} (when not null): a
     * server that reads specs from the network (the API, the operator) must not open any file a client names.
     */
    public static void complete(JsonNode document, Path base, Path root) throws InvalidProfileException {
        JsonNode spec = document == null ? null : document.get("spec");
        JsonNode sources = spec == null ? null : spec.get("data_sources");
        if (sources == null || !sources.isArray()) {
            return;
        }
        Map<Path, ProfileFile.Loaded> read = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            JsonNode pattern = sources.get(i).get("pattern");
            if (pattern == null || !pattern.isObject() || !"replay".equals(pattern.path("type").asText(null))) {
                continue;
            }
            String where = "spec.data_sources[" + i + "].pattern";
            JsonNode profile = pattern.get("profile");
            if (profile == null || !profile.isTextual() || profile.asText().isBlank()) {
                continue; // the parser says what is missing
            }
            Path file = base.resolve(profile.asText()).toAbsolutePath().normalize();
            if (root != null && !file.startsWith(root.toAbsolutePath().normalize())) {
                throw new InvalidProfileException(where + ".profile: '" + profile.asText() + "' is outside the profiles directory "
                        + root.toAbsolutePath().normalize() + "; name a file in it, relative to it");
            }
            ProfileFile.Loaded loaded = read.get(file);
            if (loaded == null) {
                try {
                    loaded = ProfileFile.read(file);
                } catch (InvalidProfileException e) {
                    throw new InvalidProfileException(where + ".profile: " + e.getMessage(), e);
                }
                read.put(file, loaded);
            }
            JsonNode stream = pattern.get("stream");
            ReplayTrace trace;
            try {
                trace = loaded.profile().trace(stream == null || !stream.isTextual() ? null : stream.asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidProfileException(where + ".stream: " + e.getMessage() + " (" + file + ")");
            }
            ObjectNode p = (ObjectNode) pattern;
            p.put("profile", file.toString());
            p.set("recorded", SpecWriter.recorded(trace.summary().recorded(loaded.sha256())));
        }
    }
}
