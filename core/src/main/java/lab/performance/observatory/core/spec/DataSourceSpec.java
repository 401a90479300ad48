package lab.performance.observatory.core.spec;

/**
 * One stream of generated events: a name (also its topic suffix), a type, a rate and its shape,
 * and how its events are written: which schema version and which framing. A CDC source also has
 * its mix of inserts, updates and deletes ({@code changeMix}, null for every other type). A source
 * may mix corrupt records into its stream ({@code corruptFraction} of them, 0 by default), each of
 * a class of {@code CorruptRecords} in turn, to show that bad input is dead-lettered and counted
 * while the run holds its rate (docs/reliability.md).
 */
public record DataSourceSpec(
        String name,
        DataType dataType,
        double generationRate,
        PatternSpec pattern,
        SpikeSpec spikes,
        SizeDistribution sizeDistribution,
        KeyDistribution keyDistribution,
        int schemaVersion,
        Framing framing,
        ChangeMix changeMix,
        double corruptFraction) {

    /** The most of a stream that may be corrupt: beyond it a run measures its dead-letter path, not its pipeline. */
    public static final double MAX_CORRUPT_FRACTION = 0.5;

    /** A source without corrupt records. */
    public DataSourceSpec(String name, DataType dataType, double generationRate, PatternSpec pattern, SpikeSpec spikes,
                          SizeDistribution sizeDistribution, KeyDistribution keyDistribution, int schemaVersion, Framing framing,
                          ChangeMix changeMix) {
        this(name, dataType, generationRate, pattern, spikes, sizeDistribution, keyDistribution, schemaVersion, framing, changeMix, 0);
    }

    /** A source of any type but CDC. */
    public DataSourceSpec(String name, DataType dataType, double generationRate, PatternSpec pattern, SpikeSpec spikes,
                          SizeDistribution sizeDistribution, KeyDistribution keyDistribution, int schemaVersion, Framing framing) {
        this(name, dataType, generationRate, pattern, spikes, sizeDistribution, keyDistribution, schemaVersion, framing, null, 0);
    }

    /** Present only when the spec asks for spikes. */
    public java.util.Optional<SpikeSpec> spikesIfAny() {
        return java.util.Optional.ofNullable(spikes);
    }
}
