package lab.performance.observatory.generator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import lab.performance.observatory.core.replay.LoadProfile;
import lab.performance.observatory.core.replay.ProfileBuilder;
import lab.performance.observatory.core.replay.ReplayTrace;
import lab.performance.observatory.core.schedule.EventSchedule;
import lab.performance.observatory.core.schedule.ReplayRate;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.Framing;
import lab.performance.observatory.core.spec.PatternSpec;
import lab.performance.observatory.schemas.ConfluentFraming;
import lab.performance.observatory.schemas.EventSchemas;
import lab.performance.observatory.schemas.SingleObjectFraming;
import lab.performance.observatory.schemas.profile.ProfileFile;

/**
 * The events a run sent, made again from its spec (the generator is seeded and open-loop, and
 * stamps every record with its intended time, so this is what a recording of the run's topics would
 * have read, at nanosecond instead of millisecond resolution): the profile of a stored run
 * (docs/load-profiles.md, "From a run"). Each source's events stop at the number it actually sent.
 */
public final class PlannedEvents {

    private PlannedEvents() {
    }

    /**
     * @param sent      events each source sent, by source name (a source missing: none)
     * @param registry  whether the run framed its events for a schema registry (5-byte headers, not 10)
     * @param progress  told the number of events made so far, every 100,000
     */
    public static LoadProfile profile(BenchmarkSpec spec, Map<String, Long> sent, boolean registry, String recordedFrom,
                                      long recordedAtEpochMillis, LongConsumer progress) {
        List<DataSourceSpec> sources = spec.offeredSources();
        ProfileBuilder builder = new ProfileBuilder();
        sources.forEach(s -> builder.stream(s.name()));
        Map<String, ProfileFile.Loaded> profiles = new HashMap<>();
        long made = 0;
        for (int i = 0; i < sources.size(); i++) {
            DataSourceSpec source = sources.get(i);
            ReplayTrace trace = source.pattern() instanceof PatternSpec.Replay r ? LoadGenerator.trace(r, profiles) : null;
            EventSchedule schedule = EventSchedule.of(source, spec.duration(), trace);
            ReplayRate replay = schedule.profile() instanceof ReplayRate rr ? rr : null;
            byte[] header = source.framing().resolve(registry) == Framing.SINGLE_OBJECT
                    ? SingleObjectFraming.header(EventSchemas.version(source.dataType(), source.schemaVersion()).fingerprint())
                    : ConfluentFraming.header(0);
            EventFactory factory = EventFactory.of(source, LoadGenerator.eventSeed(spec, i), header, replay);
            long limit = sent.getOrDefault(source.name(), 0L);
            for (long k = 0; k < limit; k++) {
                long offset = schedule.offsetNanos(k);
                if (offset == EventSchedule.AFTER_END) {
                    break;
                }
                EventFactory.Event event = factory.next(offset / 1000);
                builder.add(offset, event.value.length, ProfileBuilder.keyHash(event.key), source.name(), source.dataType().wireName());
                if (++made % 100_000 == 0) {
                    progress.accept(made);
                }
            }
        }
        return builder.build(0, spec.duration().toNanos(), 1, recordedFrom, recordedAtEpochMillis).profile();
    }
}
