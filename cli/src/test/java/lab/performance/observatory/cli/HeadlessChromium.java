package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, headless, as the browser tests' real browser (installed by make test / .ci/run). */
final class HeadlessChromium {

    private HeadlessChromium() {
    }

    static Path executable() {
        String configured = System.getenv("CHROMIUM");
        Path path = Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("no Chromium at " + path + ": install Debian's chromium package (make test does it as root) "
                    + "or point CHROMIUM at one");
        }
        return path;
    }

    /** The page's DOM after its scripts ran. */
    static String dumpDom(Path page, Path profileDir) throws IOException, InterruptedException {
        // flags as on these machines: no sandbox as root, and nothing that phones home through the closed network
        Process p = new ProcessBuilder(List.of(executable().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profileDir, "--dump-dom", page.toUri().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within 90 s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
