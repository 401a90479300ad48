package lab.performance.observatory.core.spec;

/**
 * One stream of generated events: a name (also its topic suffix), a type, a rate and its shape,
 * and how its events are written: which schema version and which framing. A CDC source also has
 * its mix of inserts, updates and deletes ({@code changeMix}, null for every other type).
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
        ChangeMix changeMix) {

    /** A source of any type but CDC. */
    public DataSourceSpec(String name, DataType dataType, double generationRate, PatternSpec pattern, SpikeSpec spikes,
                          SizeDistribution sizeDistribution, KeyDistribution keyDistribution, int schemaVersion, Framing framing) {
        this(name, dataType, generationRate, pattern, spikes, sizeDistribution, keyDistribution, schemaVersion, framing, null);
    }

    /** Present only when the spec asks for spikes. */
    public java.util.Optional<SpikeSpec> spikesIfAny() {
        return java.util.Optional.ofNullable(spikes);
    }
}
