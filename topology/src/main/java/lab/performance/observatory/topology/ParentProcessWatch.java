package lab.performance.observatory.topology;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import lab.performance.observatory.process.ParentWatch;

/** When the observatory CLI starts this topology, it ends with the CLI (see {@link ParentWatch}). */
@ApplicationScoped
public class ParentProcessWatch {

    void onStart(@Observes StartupEvent event) {
        ParentWatch.startFromSystemProperty();
    }
}
