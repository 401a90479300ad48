package lab.performance.observatory.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.SpecWriter;

/**
 * Where a run ran: CPU model and cores, memory, OS, JVM, the project's git commit and a hash of the
 * exact spec. Runs are only comparable when these match.
 */
final class EnvironmentFingerprint {

    private EnvironmentFingerprint() {
    }

    static Map<String, String> collect(BenchmarkSpec spec, Path projectHome) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("cpu_model", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")));
        env.put("cpu_cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        firstValue(Path.of("/proc/meminfo"), "MemTotal").ifPresent(m -> env.put("memory_total", m));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        git(projectHome, "rev-parse", "HEAD").ifPresent(c -> env.put("git_commit", c));
        git(projectHome, "status", "--porcelain", "--untracked-files=no")
                .ifPresent(s -> env.put("git_dirty", Boolean.toString(!s.isBlank())));
        env.put("config_hash", specHash(spec));
        return env;
    }

    static String specHash(BenchmarkSpec spec) {
        try {
            byte[] canonical = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsBytes(SpecWriter.toDocument(spec));
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<String> git(Path dir, String... args) {
        try {
            String[] command = new String[args.length + 3];
            command[0] = "git";
            command[1] = "-C";
            command[2] = dir.toString();
            System.arraycopy(args, 0, command, 3, args.length);
            Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? java.util.Optional.of(out) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
