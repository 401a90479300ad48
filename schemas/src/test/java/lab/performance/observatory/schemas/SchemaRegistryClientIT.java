package lab.performance.observatory.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.schemas.registry.SchemaRegistryClient;
import lab.performance.observatory.schemas.registry.UnknownSchemaIdException;
import lab.performance.observatory.stack.ApicurioRegistry;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry client and the registry framing against a real Apicurio Registry (ccompat API). */
class SchemaRegistryClientIT {

    static ApicurioRegistry apicurio;
    static SchemaRegistryClient client;

    @BeforeAll
    static void start() throws Exception {
        Path logs = Files.createDirectories(Path.of("target/registry-it"));
        apicurio = ApicurioRegistry.start(Path.of("target/apicurio").toAbsolutePath(), logs.resolve("registry.log"), List.of("-Xmx256m"));
        client = new SchemaRegistryClient(apicurio.ccompatUrl(), SchemaRegistryClient.Settings.DEFAULT, NanoClock.system());
    }

    @AfterAll
    static void stop() {
        apicurio.close();
    }

    @Test
    void registersAndResolvesEveryVersionAndEveryStrategyReadsTheFramedRecords() throws Exception {
        RandomEvents random = new RandomEvents(5);
        for (DataType type : DataType.values()) {
            for (int version = type.firstSchemaVersion(); version <= EventSchemas.CURRENT_VERSION; version++) {
                WriterSchema writer = EventSchemas.version(type, version);
                String subject = "it." + type.wireName() + "-v" + version + "-value";
                int id = client.register(subject, writer.schema());
                assertThat(client.register(subject, writer.schema())).as("registering again is idempotent").isEqualTo(id);
                Schema fetched = client.schemaById(id);
                assertThat(EventSchemas.identify(fetched)).contains(writer);

                EventEncoder encoder = new EventEncoder(writer, ConfluentFraming.header(id));
                for (DecodeStrategy strategy : DecodeStrategy.values()) {
                    EventDecoder decoder = EventDecoder.create(strategy, new WriterSchemaResolver(client));
                    EventFields fields = new EventFields();
                    for (int i = 0; i < 50; i++) {
                        SpecificRecordBase event = random.next(type);
                        decoder.decode(encoder.encode(event), fields);
                        assertThat(fields.dataType()).isEqualTo(type);
                        assertThat(fields.fallback()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void anUnknownIdIsReportedAndRemembered() {
        assertThatThrownBy(() -> client.schemaById(987_654)).isInstanceOf(UnknownSchemaIdException.class);
        EventDecoder decoder = EventDecoder.create(DecodeStrategy.ZERO_COPY, new WriterSchemaResolver(client));
        assertThatThrownBy(() -> decoder.decode(new byte[] {0, 0, 0x0F, 0x12, 0x06, 1, 2}, new EventFields()))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("the registry has no schema with id 987654");
    }

    @Test
    void aForeignSchemaFromTheRegistryIsReadThroughTheFallback() throws Exception {
        Schema reordered = new Schema.Parser().parse("""
                {"type": "record", "name": "LogEvent", "namespace": "lab.performance.observatory.events", "fields": [
                  {"name": "service", "type": "string"},
                  {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "level", "type": {"type": "enum", "name": "LogLevel", "symbols": ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]}},
                  {"name": "message", "type": "string"},
                  {"name": "attributes", "type": {"type": "map", "values": "string"}}]}""");
        int id = client.register("it.foreign-value", reordered);
        ZeroCopyEventDecoder decoder = (ZeroCopyEventDecoder) EventDecoder.create(DecodeStrategy.ZERO_COPY, new WriterSchemaResolver(client));
        WriterSchema foreign = EventSchemas.identify(client.schemaById(id)).orElseThrow();
        byte[] value = new EventEncoder(foreign, ConfluentFraming.header(id)).encode(Events.log(lab.performance.observatory.events.LogLevel.ERROR));
        EventFields fields = new EventFields();
        decoder.decode(value, fields);
        assertThat(fields.fallback()).isTrue();
        assertThat(fields.measure()).isEqualTo(1);
        assertThat(decoder.fallbacks()).isEqualTo(1);
    }
}
