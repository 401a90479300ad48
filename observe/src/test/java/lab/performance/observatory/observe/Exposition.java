package lab.performance.observatory.observe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/** A scraped Prometheus text exposition, read as a test reads it; and promtool's opinion of it. */
public record Exposition(String text) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Scrapes in the classic text format, the one {@code promtool check metrics} reads (Quarkus answers OpenMetrics otherwise). */
    public static Exposition scrape(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/plain; version=0.0.4").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return new Exposition(response.body());
    }

    /** The value of the one sample named {@code name} whose labels include every {@code label="value"} given. */
    public OptionalDouble value(String name, String... labels) {
        List<Double> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String series = line.substring(0, line.lastIndexOf(' '));
            boolean all = true;
            for (String label : labels) {
                all &= series.contains(label);
            }
            if (all) {
                found.add(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        if (found.size() > 1) {
            throw new IllegalStateException(found.size() + " samples of " + name + " with " + List.of(labels));
        }
        return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.get(0));
    }

    public boolean has(String name) {
        return text.lines().anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " "));
    }

    /** {@code promtool check metrics}: its complaints, or an empty string when it has none (lint problems included). */
    public String promtoolProblems() throws IOException, InterruptedException {
        Path promtool = Path.of(System.getenv().getOrDefault("PROMTOOL", "/usr/bin/promtool"));
        Path exposition = java.nio.file.Files.createTempFile("exposition", ".prom");
        java.nio.file.Files.writeString(exposition, text);
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
                .redirectInput(exposition.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("promtool did not finish");
        }
        java.nio.file.Files.delete(exposition);
        if (p.exitValue() == 0) {
            return "";
        }
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("line (\\d+)").matcher(out);
        if (line.find()) {
            List<String> lines = text.lines().toList();
            int n = Integer.parseInt(line.group(1));
            out += "line " + n + ": " + (n >= 1 && n <= lines.size() ? lines.get(n - 1) : "(none)");
        }
        return out;
    }
}
