package lab.performance.observatory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.performance.observatory.core.replay.InvalidProfileException;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.InvalidSpecException;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.schemas.profile.ReplayProfiles;

/** Reads a spec file, with the profiles its replay sources name; anything wrong with either is bad input, named in one line. */
final class SpecFiles {

    private SpecFiles() {
    }

    /** The spec, run for {@code duration} instead of its own when one is given (a command's {@code --duration}). */
    static BenchmarkSpec load(Path file, java.time.Duration duration) {
        BenchmarkSpec spec = load(file);
        return duration == null ? spec : spec.withDuration(duration);
    }

    /** A decode strategy named by {@code option}'s value; an unknown one is bad input. */
    static lab.performance.observatory.core.spec.DecodeStrategy strategy(String option, String name) {
        return lab.performance.observatory.core.spec.DecodeStrategy.fromWireName(name.trim()).orElseThrow(() -> CliException.badInput(
                option + ": unknown strategy '" + name + "' (expected copying, zero-copy or generic)"));
    }

    static BenchmarkSpec load(Path file) {
        if (!Files.exists(file)) {
            throw CliException.badInput(file + ": no such spec file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.badInput(file + ": not a readable file");
        }
        try {
            JsonNode document = SpecParser.tree(Files.readString(file, StandardCharsets.UTF_8));
            ReplayProfiles.complete(document, file.toAbsolutePath().getParent());
            return SpecParser.parse(document);
        } catch (InvalidProfileException e) {
            throw CliException.badInput(file + ": " + e.getMessage());
        } catch (InvalidSpecException e) {
            throw CliException.badInput(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw CliException.badInput(file + ": cannot read: " + e.getMessage());
        }
    }
}
