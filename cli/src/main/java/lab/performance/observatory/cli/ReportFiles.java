package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import lab.performance.observatory.core.report.HtmlReport;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.verdict.Comparison;

/** Writes a run's results next to each other: report.json, report.html and, with a baseline, comparison.json. */
final class ReportFiles {

    static final String JSON = "report.json";
    static final String HTML = "report.html";
    static final String COMPARISON = "comparison.json";

    private ReportFiles() {
    }

    static Path html(Path directory) {
        return directory.resolve(HTML).toAbsolutePath();
    }

    /** @return the JSON report as written */
    static String write(Path directory, RunReport report, RunReport baseline, Comparison comparison) throws IOException {
        Files.createDirectories(directory);
        String json = ReportJson.write(report);
        Files.writeString(directory.resolve(JSON), json, StandardCharsets.UTF_8);
        writeHtml(html(directory), report, baseline, comparison);
        if (comparison != null) {
            Files.writeString(directory.resolve(COMPARISON), ReportJson.writeValue(comparison), StandardCharsets.UTF_8);
        }
        return json;
    }

    static void writeHtml(Path file, RunReport report, RunReport baseline, Comparison comparison) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Files.writeString(file, HtmlReport.render(report, baseline, comparison, directory, ReportAssets.load()), StandardCharsets.UTF_8);
    }
}
