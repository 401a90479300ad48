package lab.performance.observatory.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import lab.performance.observatory.core.report.HtmlReport;

/** uPlot's files from its webjar on the classpath, for inlining into HTML reports. */
final class ReportAssets {

    private ReportAssets() {
    }

    static HtmlReport.Assets load() {
        String version = version();
        String base = "META-INF/resources/webjars/uplot/" + version + "/dist/";
        return new HtmlReport.Assets(resource(base + "uPlot.iife.min.js"), resource(base + "uPlot.min.css"));
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = stream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static String resource(String name) {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = ReportAssets.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("uPlot is missing from the classpath (" + name + "): rebuild with ./mvnw -DskipTests package");
        }
        return in;
    }
}
