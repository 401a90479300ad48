package lab.performance.observatory.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock the API reads (run ids, launch times); tests and callers get it injected. */
@ApplicationScoped
public class ApiClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
