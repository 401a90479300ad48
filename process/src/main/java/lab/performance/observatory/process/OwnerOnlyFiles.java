package lab.performance.observatory.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets on disk readable by this user alone: passwords for the embedded PostgreSQL, the broker's
 * JMX and the password files child processes read instead of a command line (docs/reliability.md).
 * A file is written whole under a temporary name created owner-only, then moved into place, so no
 * other user ever sees it, not even half written.
 */
public final class OwnerOnlyFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerOnlyFiles() {
    }

    /** Writes {@code text} to {@code file} (rw-------), creating its directory rwx------ if missing. */
    public static Path write(Path file, String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Path partial = directory.resolve(file.getFileName() + ".partial-" + ProcessHandle.current().pid());
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, text);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** 24 random bytes, URL-safe Base64: safe in a URL, a password file and a JMX password file alike. */
    public static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
