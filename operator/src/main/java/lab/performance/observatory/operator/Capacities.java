package lab.performance.observatory.operator;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.spec.BenchmarkSpec;

/**
 * The capacity model a benchmark is planned with: measured by its baseline run when the spec names
 * one that has the figures (topology CPU and throughput), the documented defaults otherwise. A
 * baseline's figures are looked up at most once a minute, so rechecks do not read PostgreSQL each time.
 */
@ApplicationScoped
public class Capacities {

    static final Duration REFRESH = Duration.ofMinutes(1);

    private record Cached(CapacityModel model, Instant at) {
    }

    private final RunLedger ledger;
    private final OperatorSettings settings;
    private final Clock clock;
    private final Map<String, Cached> byBaseline = new ConcurrentHashMap<>();

    public Capacities(RunLedger ledger, OperatorSettings settings, Clock clock) {
        this.ledger = ledger;
        this.settings = settings;
        this.clock = clock;
    }

    CapacityModel forSpec(BenchmarkSpec spec) {
        CapacityModel model = measuredOrDefault(spec);
        return settings.generatorEventsPerSecond().map(model::withPerGeneratorEps).orElse(model);
    }

    private CapacityModel measuredOrDefault(BenchmarkSpec spec) {
        Optional<String> baseline = spec.comparisonBaseline();
        if (baseline.isEmpty() || ledger.store().isEmpty()) {
            return CapacityModel.DEFAULT;
        }
        Instant now = clock.instant();
        Cached cached = byBaseline.get(baseline.get());
        if (cached == null || cached.at().plus(REFRESH).isBefore(now)) {
            cached = new Cached(lookUp(baseline.get()), now);
            byBaseline.put(baseline.get(), cached);
        }
        return cached.model();
    }

    private CapacityModel lookUp(String baseline) {
        try {
            return ledger.store().orElseThrow().baselines().resolve(baseline)
                    .map(b -> {
                        try {
                            return CapacityModel.fromBaseline(b.report(), settings.topologyReplicaCpu());
                        } catch (IllegalArgumentException e) {
                            return CapacityModel.DEFAULT; // the baseline lacks topology CPU (e.g. a run without resource samples)
                        }
                    })
                    .orElse(CapacityModel.DEFAULT);
        } catch (SQLException e) {
            return CapacityModel.DEFAULT;
        }
    }
}
