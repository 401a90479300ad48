package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.stack.EmbeddedStack;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in real headless Chromium, served by the real API application on a PostgreSQL
 * holding two stored runs and a named baseline: the run list, run detail, compare and start views
 * draw every chart with data, the page's console says nothing, and a screenshot of each view is
 * kept in {@code target/dashboard-screenshots/}.
 */
class DashboardBrowserIT {

    static final Path SCREENSHOTS = Path.of("target/dashboard-screenshots");
    static final String BENCHMARK = "dash-" + UUID.randomUUID().toString().substring(0, 6);
    static final String BASELINE = BENCHMARK + "-run-1";
    static final String CANDIDATE = BENCHMARK + "-run-2";

    @TempDir
    static Path dir;
    static ApiProcess api;
    static String root;
    static BrowserSession browser;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        ObservatoryDatabase.migrate(stack.dataSource());
        RunStore store = new RunStore(stack.dataSource());
        Instant t0 = Instant.parse("2026-12-01T09:00:00Z");
        ObservatoryRunIT.plant(store, BASELINE, BENCHMARK, ReportJson.write(HtmlReportBrowserIT.run(BASELINE, t0, 1000, 4, 1)));
        ObservatoryRunIT.plant(store, CANDIDATE, BENCHMARK, ReportJson.write(HtmlReportBrowserIT.run(CANDIDATE, t0.plusSeconds(3600), 900, 6, 2)));
        Path flamegraph = Files.writeString(dir.resolve("topology-cpu-flamegraph.html"), "<!doctype html><title>flamegraph</title><p>frames</p>");
        store.runs().saveArtifacts(CANDIDATE, Map.of("topology_cpu_flamegraph", flamegraph.toString()));
        store.baselines().set(BENCHMARK + "-base", BASELINE);

        api = ApiProcess.start(Map.of("observatory.api.profiles-dir", ObservatoryCli.home().resolve("load-profiles").toString()), dir.resolve("api.log"));
        root = api.root.toString();
        browser = BrowserSession.open(dir.resolve("chromium"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (api != null) {
            api.close();
        }
    }

    /** Opens a view, waits until every chart in it has drawn, keeps a screenshot, and says how many charts there were. */
    static int open(String hash, String screenshot) throws Exception {
        browser.navigate(root + "/" + hash);
        browser.await("document.getElementById('view').dataset.route === " + BrowserSession.quote(hash)
                + " && document.getElementById('view').dataset.ready === 'true' && [...document.querySelectorAll('[data-chart]')]"
                + ".every(c => c.dataset.points === '0' || c.dataset.drawn === 'true')", Duration.ofSeconds(30));
        browser.screenshot(SCREENSHOTS.resolve(screenshot + ".png"));
        assertThat(browser.evaluate("document.querySelector('.error') ? document.querySelector('.error').innerText : ''").asText())
                .as("error shown in " + hash).isEmpty();
        return browser.evaluate("document.querySelectorAll('[data-chart]').length").asInt();
    }

    static int points(String chart) throws Exception {
        return browser.evaluate("Number((document.querySelector('[data-chart=\"" + chart + "\"]') || {dataset: {points: '-1'}}).dataset.points)").asInt();
    }

    @Test
    void everyViewDrawsItsChartsWithDataAndTheConsoleStaysSilent() throws Exception {
        assertThat(open("#/runs?benchmark=" + BENCHMARK, "run-list")).isEqualTo(2);
        assertThat(browser.evaluate("[...document.querySelectorAll('#run-list tbody tr')].map(r => r.dataset.run).join(',')").asText())
                .isEqualTo(CANDIDATE + "," + BASELINE);
        assertThat(points("Sustained throughput of these runs (events/s)")).isEqualTo(2);
        assertThat(points("End-to-end p99 of these runs (ms)")).isEqualTo(2);

        assertThat(open("#/runs/" + CANDIDATE, "run-detail")).isGreaterThanOrEqualTo(6);
        assertThat(points("Throughput (events per 1 s window)")).isGreaterThan(100);
        assertThat(points("End-to-end latency over time (ms)")).isGreaterThan(100);
        assertThat(points("Latency by percentile (ms)")).isGreaterThan(30);
        assertThat(points("CPU by component (cores)")).isGreaterThan(60);
        assertThat(points("Resident memory by component (MB)")).isGreaterThan(60);
        assertThat(points("Consumer lag")).isGreaterThan(60);
        assertThat(browser.evaluate("document.querySelectorAll('#hot-methods tbody tr').length").asInt()).isEqualTo(1);
        String flamegraph = browser.evaluate("document.querySelector('#artifacts a').href").asText();
        assertThat(flamegraph).endsWith("/api/v1/runs/" + CANDIDATE + "/artifacts/topology_cpu_flamegraph");
        assertThat(browser.evaluate("fetch('" + flamegraph + "').then(r => r.text())").asText()).contains("frames");

        assertThat(open("#/compare/" + CANDIDATE + "?baseline=" + BENCHMARK + "-base", "compare")).isEqualTo(3);
        assertThat(points("Latency by percentile: candidate and baseline (ms)")).isGreaterThan(25);
        assertThat(points("Throughput per second since generation started")).isGreaterThan(100);
        assertThat(browser.evaluate("document.querySelector('#verdict').innerText").asText()).isIn("regression", "improvement", "no_significant_change", "insufficient_data");
        assertThat(browser.evaluate("document.querySelectorAll('#comparison tbody tr').length").asInt()).isGreaterThan(2);

        open("#/start", "start");
        assertThat(browser.evaluate("document.querySelectorAll('#profile option').length").asInt()).isGreaterThanOrEqualTo(8);
        assertThat(browser.evaluate("document.getElementById('profile-spec').innerText").asText()).contains("kind: PipelineBenchmark");
        // this API has no token: starting is refused, and the form says why instead of failing silently
        browser.evaluate("document.querySelector('form.start button').click()");
        browser.await("document.querySelector('#start-result .error')", Duration.ofSeconds(10));
        assertThat(browser.evaluate("document.querySelector('#start-result .error').innerText").asText()).contains("changes are disabled");
        browser.screenshot(SCREENSHOTS.resolve("start-refused.png"));

        // the refused POST is the one line the console may show: the browser logs every 4xx response
        assertThat(browser.console()).allSatisfy(line -> assertThat(line).contains("403").contains("/api/v1/runs"));
    }
}
