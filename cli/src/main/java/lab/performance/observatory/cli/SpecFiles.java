package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.InvalidSpecException;
import lab.performance.observatory.core.spec.SpecParser;

/** Reads a spec file; anything wrong with it is bad input, named in one line. */
final class SpecFiles {

    private SpecFiles() {
    }

    static BenchmarkSpec load(Path file) {
        if (!Files.exists(file)) {
            throw CliException.badInput(file + ": no such spec file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.badInput(file + ": not a readable file");
        }
        try {
            return SpecParser.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (InvalidSpecException e) {
            throw CliException.badInput(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw CliException.badInput(file + ": cannot read: " + e.getMessage());
        }
    }
}
