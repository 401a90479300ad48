package lab.performance.observatory.schemas.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import lab.performance.observatory.core.replay.InvalidProfileException;
import lab.performance.observatory.core.replay.LoadProfile;
import lab.performance.observatory.core.replay.ProfileBuilder;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.PatternSpec;
import lab.performance.observatory.core.spec.SpecParser;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFileTest {

    @TempDir
    Path dir;

    /** 20,000 events over 10 s on two streams, millisecond timestamps, a few hundred keys. */
    static LoadProfile profile(int events) {
        SplittableRandom random = new SplittableRandom(3);
        ProfileBuilder b = new ProfileBuilder();
        for (int i = 0; i < events; i++) {
            long at = random.nextLong(10_000) * 1_000_000L;
            b.add(at, 80 + random.nextInt(900), random.nextInt(300), i % 3 == 0 ? "orders" : "ticks", i % 3 == 0 ? null : "market_data");
        }
        return b.build(0, 10_000_000_000L, 1_000_000L, "kafka test:9092 topics orders,ticks", 1_764_000_000_000L).profile();
    }

    @Test
    void aProfileReadsBackAsWritten() throws Exception {
        LoadProfile p = profile(20_000);
        Path file = dir.resolve("p.avro");
        ProfileFile.write(p, file);
        ProfileFile.Loaded loaded = ProfileFile.read(file);
        LoadProfile q = loaded.profile();
        assertThat(q.events()).isEqualTo(p.events());
        for (int i = 0; i < p.events(); i++) {
            assertThat(q.offsetNanos(i)).isEqualTo(p.offsetNanos(i));
            assertThat(q.valueBytes(i)).isEqualTo(p.valueBytes(i));
            assertThat(q.key(i)).isEqualTo(p.key(i));
            assertThat(q.stream(i)).isEqualTo(p.stream(i));
            assertThat(q.kind(i)).isEqualTo(p.kind(i));
        }
        assertThat(q.streams()).isEqualTo(p.streams());
        assertThat(q.kinds()).containsExactly("market_data");
        assertThat(q.durationNanos()).isEqualTo(10_000_000_000L);
        assertThat(q.resolutionNanos()).isEqualTo(1_000_000L);
        assertThat(q.recordedFrom()).isEqualTo("kafka test:9092 topics orders,ticks");
        assertThat(q.recordedAtEpochMillis()).isEqualTo(1_764_000_000_000L);
        assertThat(loaded.sha256()).hasSize(64).isEqualTo(ProfileFile.sha256(Files.readAllBytes(file)));
        // compact: deltas, sizes and keys in a few bytes per event
        assertThat(Files.size(file)).isLessThan(20_000L * 8);
    }

    @Test
    void anyAvroReaderSeesTheSchemaAndTheHeader() throws Exception {
        Path file = dir.resolve("p.avro");
        ProfileFile.write(profile(100), file);
        try (var reader = new org.apache.avro.file.DataFileReader<GenericRecord>(file.toFile(), new org.apache.avro.generic.GenericDatumReader<>())) {
            assertThat(reader.getSchema().getFullName()).isEqualTo("lab.performance.observatory.profile.RecordedEvent");
            assertThat(reader.getMetaString(ProfileFile.VERSION_KEY)).isEqualTo("1");
            assertThat(reader.getMetaString(ProfileFile.HEADER_KEY)).contains("\"streams\"").contains("\"orders\"");
            assertThat(reader.getMetaString("avro.codec")).isEqualTo("deflate");
        }
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ProfileFile.read(dir.resolve("nope.avro"))).isInstanceOf(InvalidProfileException.class)
                .hasMessage(dir.resolve("nope.avro") + ": no such load profile");
    }

    @Test
    void randomBytesAreNotAProfile() throws Exception {
        Path file = dir.resolve("junk.avro");
        byte[] junk = new byte[4096];
        new SplittableRandom(1).nextBytes(junk);
        Files.write(file, junk);
        assertThatThrownBy(() -> ProfileFile.read(file)).isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining("not a readable load profile");
    }

    @Test
    void aTruncatedProfileIsRefusedWhereverItIsCut() throws Exception {
        Path file = dir.resolve("p.avro");
        ProfileFile.write(profile(200_000), file);
        byte[] whole = Files.readAllBytes(file);
        for (double cut : new double[] {0.1, 0.5, 0.9, 0.999}) {
            Path cutFile = dir.resolve("cut.avro");
            Files.write(cutFile, Arrays.copyOf(whole, (int) (whole.length * cut)));
            assertThatThrownBy(() -> ProfileFile.read(cutFile)).as("cut at %s", cut).isInstanceOf(InvalidProfileException.class)
                    .message().containsAnyOf("truncated", "not a readable load profile");
        }
    }

    @Test
    void aChangedByteAnywhereInTheEventsIsRefused() throws Exception {
        Path file = dir.resolve("p.avro");
        ProfileFile.write(profile(50_000), file);
        byte[] whole = Files.readAllBytes(file);
        for (int k = 1; k < 40; k++) {
            byte[] bytes = whole.clone();
            int at = (int) (whole.length * (0.05 + 0.9 * k / 40.0));
            bytes[at] ^= 0x5A;
            Path flipped = dir.resolve("flipped.avro");
            Files.write(flipped, bytes);
            assertThatThrownBy(() -> ProfileFile.read(flipped)).as("byte %d of %d", at, whole.length).isInstanceOf(InvalidProfileException.class);
        }
    }

    @Test
    void aNewerFormatVersionSaysToUpgrade() throws Exception {
        Path file = dir.resolve("future.avro");
        writeRaw(file, ProfileFile.EVENT, "2", "{\"duration_nanos\":1000,\"resolution_nanos\":1,\"streams\":[]}");
        assertThatThrownBy(() -> ProfileFile.read(file))
                .hasMessage(file + ": profile format version 2 is newer than this observatory reads (1): upgrade the observatory or record the profile again");
    }

    @Test
    void anAvroFileOfSomethingElseIsNotAProfile() throws Exception {
        Path file = dir.resolve("other.avro");
        writeRaw(file, SchemaBuilder.record("Other").fields().requiredLong("x").endRecord(), null, null);
        assertThatThrownBy(() -> ProfileFile.read(file)).hasMessageContaining("an Avro file but not a load profile");
        Path wrongRecords = dir.resolve("wrong.avro");
        writeRaw(wrongRecords, SchemaBuilder.record("Other").fields().requiredLong("x").endRecord(), "1",
                "{\"duration_nanos\":1000,\"resolution_nanos\":1,\"streams\":[]}");
        assertThatThrownBy(() -> ProfileFile.read(wrongRecords)).hasMessageContaining("its records are Other");
    }

    @Test
    void aHeaderThatDisagreesWithTheEventsIsCorrupt() throws Exception {
        Path file = dir.resolve("liar.avro");
        writeRaw(file, ProfileFile.EVENT, "1", "{\"duration_nanos\":1000000,\"resolution_nanos\":1,\"streams\":[{\"name\":\"s\",\"events\":5}]}");
        assertThatThrownBy(() -> ProfileFile.read(file)).hasMessageContaining("truncated: holds 0 events, its header says 5");
    }

    private static void writeRaw(Path file, Schema schema, String version, String header) throws IOException {
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
            if (version != null) {
                w.setMeta(ProfileFile.VERSION_KEY, version);
            }
            if (header != null) {
                w.setMeta(ProfileFile.HEADER_KEY, header);
            }
            w.create(schema, file.toFile());
            if (schema.getField("x") != null) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("x", 1L);
                w.append(r);
            }
        }
    }

    @Test
    void aSpecIsCompletedFromItsProfilesRelativeToItsDirectory() throws Exception {
        Files.createDirectories(dir.resolve("profiles"));
        ProfileFile.write(profile(20_000), dir.resolve("profiles/p.avro"));
        JsonNode doc = SpecParser.tree("""
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: r}
                spec:
                  duration_minutes: 1
                  data_sources:
                    - {name: ticks, data_type: market_data, pattern: {type: replay, profile: profiles/p.avro, stream: ticks}}
                    - {name: all, data_type: market_data, pattern: {type: replay, profile: profiles/p.avro, speed: 2}}
                """);
        ReplayProfiles.complete(doc, dir);
        BenchmarkSpec spec = SpecParser.parse(doc);
        PatternSpec.Replay ticks = (PatternSpec.Replay) spec.dataSources().get(0).pattern();
        PatternSpec.Replay all = (PatternSpec.Replay) spec.dataSources().get(1).pattern();
        assertThat(ticks.profile()).isEqualTo(dir.resolve("profiles/p.avro").toAbsolutePath().toString());
        long orders = profile(20_000).eventsPerStream()[0];
        assertThat(ticks.recorded().events()).isEqualTo(20_000 - orders);
        assertThat(all.recorded().events()).isEqualTo(20_000);
        assertThat(spec.dataSources().get(1).generationRate()).isEqualTo(4_000.0); // 2,000/s at speed 2
        assertThat(ticks.recorded().sha256()).isEqualTo(ProfileFile.read(dir.resolve("profiles/p.avro")).sha256());
    }

    /** A spec of one replay source; %s is its profile. */
    static final String ONE_REPLAY_SOURCE = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: r}
            spec:
              data_sources:
                - {name: a, data_type: market_data, pattern: {type: replay, profile: %s}}
            """;

    @Test
    void aSpecNamingAMissingProfileOrStreamSaysWhich() throws Exception {
        ProfileFile.write(profile(100), dir.resolve("p.avro"));
        String spec = ONE_REPLAY_SOURCE;
        assertThatThrownBy(() -> ReplayProfiles.complete(SpecParser.tree(spec.formatted("missing.avro")), dir))
                .hasMessage("spec.data_sources[0].pattern.profile: " + dir.resolve("missing.avro") + ": no such load profile");
        assertThatThrownBy(() -> ReplayProfiles.complete(SpecParser.tree(spec.formatted("p.avro, stream: nope")), dir))
                .hasMessageStartingWith("spec.data_sources[0].pattern.stream: no stream 'nope' in the profile (it has orders, ticks)");
    }

    @Test
    void aServerReadsProfilesOnlyInsideItsProfilesDirectory() throws Exception {
        Path root = Files.createDirectories(dir.resolve("profiles"));
        ProfileFile.write(profile(100), root.resolve("p.avro"));
        ProfileFile.write(profile(100), dir.resolve("outside.avro"));
        String spec = ONE_REPLAY_SOURCE;
        JsonNode inside = SpecParser.tree(spec.formatted("p.avro"));
        ReplayProfiles.complete(inside, root, root);
        assertThat(inside.at("/spec/data_sources/0/pattern/profile").asText()).isEqualTo(root.resolve("p.avro").toAbsolutePath().toString());
        for (String escape : List.of("../outside.avro", dir.resolve("outside.avro").toAbsolutePath().toString(), "sub/../../outside.avro")) {
            assertThatThrownBy(() -> ReplayProfiles.complete(SpecParser.tree(spec.formatted("'" + escape + "'")), root, root))
                    .as(escape).hasMessage("spec.data_sources[0].pattern.profile: '" + escape + "' is outside the profiles directory "
                            + root.toAbsolutePath() + "; name a file in it, relative to it");
        }
    }

    @Test
    void aServerWithoutAProfilesDirectoryRefusesReplaySpecsAndPassesOthersUntouched() throws Exception {
        assertThatThrownBy(() -> ReplayProfiles.completeOnServer(SpecParser.tree(ONE_REPLAY_SOURCE.formatted("p.avro")), Optional.empty(),
                "observatory.api.profiles-dir")).hasMessage("spec.data_sources: a replay source needs a load profile and this server has no "
                + "profiles directory (observatory.api.profiles-dir) to read one from");
        String steady = ONE_REPLAY_SOURCE.replace("pattern: {type: replay, profile: %s}", "generation_rate: 10");
        JsonNode document = SpecParser.tree(steady);
        JsonNode before = document.deepCopy();
        ReplayProfiles.completeOnServer(document, Optional.empty(), "observatory.api.profiles-dir");
        assertThat(document).isEqualTo(before);
        assertThat(ReplayProfiles.replays(document)).isFalse();
        assertThat(ReplayProfiles.replays(SpecParser.tree(ONE_REPLAY_SOURCE.formatted("p.avro")))).isTrue();
    }
}
