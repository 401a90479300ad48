package lab.performance.observatory.cli;

import java.io.IOException;

/** Where a local run announces each component's metrics endpoint as it starts: the local Prometheus, or nowhere. */
interface ScrapeTargets {

    ScrapeTargets NONE = target -> { };

    void add(PrometheusConfig.Target target) throws IOException;

    /** Returns once every target has been scraped after now (so what a component counted last is stored before it stops). */
    default void awaitScrape() throws InterruptedException {
    }
}
