package lab.performance.observatory.bench;

import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.core.spec.Framing;
import lab.performance.observatory.core.spec.KeyDistribution;
import lab.performance.observatory.core.spec.PatternSpec;
import lab.performance.observatory.core.spec.SizeDistribution;
import lab.performance.observatory.generator.EventFactory;
import lab.performance.observatory.schemas.MalformedEventException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode one event and read two or all of its fields, per event type and strategy, over a ring of
 * 1,024 generated events (the baseline profile's sizes, current schema, single-object framing).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DecodeBenchmark {

    static final int EVENTS = 1024;

    @Param({"market_data", "iot_sensor", "log_event"})
    public String type;

    @Param({"zero-copy", "copying", "generic"})
    public String strategy;

    private byte[][] values;
    private FieldReader reader;
    private int next;

    @Setup
    public void setUp() throws MalformedEventException {
        DataType dataType = DataType.fromWireName(type).orElseThrow();
        SizeDistribution sizes = switch (dataType) {
            case MARKET_DATA -> new SizeDistribution(80, 240, SizeDistribution.Shape.UNIFORM);
            case IOT_SENSOR -> new SizeDistribution(120, 600, SizeDistribution.Shape.NORMAL);
            case LOG_EVENT -> new SizeDistribution(150, 1200, SizeDistribution.Shape.UNIFORM);
            case CDC -> throw new IllegalArgumentException("cdc changes are not a decode benchmark's type (yet)");
        };
        DataSourceSpec source = new DataSourceSpec("bench", dataType, 1, new PatternSpec.Steady(), null, sizes,
                new KeyDistribution(KeyDistribution.Kind.UNIFORM, 1000, 1), DataType.LATEST_SCHEMA_VERSION, Framing.SINGLE_OBJECT);
        EventFactory factory = EventFactory.of(source, 2026);
        values = new byte[EVENTS][];
        for (int i = 0; i < EVENTS; i++) {
            values[i] = factory.next(1_795_000_000_000_000L + i).value;
        }
        reader = FieldReader.of(DecodeStrategy.fromWireName(strategy).orElseThrow(), dataType);
        Blackhole check = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (byte[] value : values) {
            reader.readAll(value, check); // every event decodes before anything is timed
        }
        check.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    @Benchmark
    public void readTwoFields(Blackhole bh) throws MalformedEventException {
        reader.readTwo(values[next++ & (EVENTS - 1)], bh);
    }

    @Benchmark
    public void readAllFields(Blackhole bh) throws MalformedEventException {
        reader.readAll(values[next++ & (EVENTS - 1)], bh);
    }
}
