package lab.performance.observatory.schemas.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import lab.performance.observatory.core.replay.InvalidProfileException;
import lab.performance.observatory.core.replay.LoadProfile;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * A load profile on disk (docs/load-profiles.md): an Avro object container file, deflate-compressed,
 * one {@code RecordedEvent} per event in arrival order, its own schema in the file, and two metadata
 * entries: {@code observatory.profile.version} (the format version, "1") and
 * {@code observatory.profile.header} (JSON: duration, clock resolution, where and when it was
 * recorded, the streams with their event counts, the kinds, a CRC-32 of the events). Any Avro tool reads it
 * ({@code avro-tools tojson}, fastavro, ...).
 */
public final class ProfileFile {

    public static final String VERSION_KEY = "observatory.profile.version";
    public static final String HEADER_KEY = "observatory.profile.header";
    static final String RECORD_NAME = "lab.performance.observatory.profile.RecordedEvent";

    /** The schema of one recorded event. Offsets are deltas, so most take one or two bytes. */
    public static final Schema EVENT = SchemaBuilder.record("RecordedEvent").namespace("lab.performance.observatory.profile")
            .doc("One event of a recorded load profile: when it arrived, how big its value was, which key, stream and kind; never its payload")
            .fields()
            .name("delta_nanos").doc("nanoseconds since the previous event (the first: since the start of the recording)").type().longType().noDefault()
            .name("value_bytes").doc("size of the record value, bytes").type().intType().noDefault()
            .name("key").doc("the key, numbered by first appearance (keys are hashed only to tell them apart); -1: no key").type().intType().noDefault()
            .name("stream").doc("index into the header's streams (the topic it arrived on)").type().intType().noDefault()
            .name("kind").doc("index into the header's kinds (event type, where it could be told); -1: unknown").type().intType().noDefault()
            .endRecord();

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileFile() {
    }

    /** A profile read from disk, with the SHA-256 of the file's bytes. */
    public record Loaded(LoadProfile profile, String sha256, Path path) {
    }

    /** Writes the profile to {@code out} (through a temporary file beside it, so a reader never sees half a profile). */
    public static void write(LoadProfile profile, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".profile-", ".tmp");
        try {
            try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(EVENT))) {
                writer.setCodec(CodecFactory.deflateCodec(6));
                writer.setMeta(VERSION_KEY, Integer.toString(LoadProfile.VERSION));
                writer.setMeta(HEADER_KEY, header(profile));
                writer.create(EVENT, tmp.toFile());
                GenericRecord record = new GenericData.Record(EVENT);
                long previous = 0;
                for (int i = 0; i < profile.events(); i++) {
                    record.put(0, profile.offsetNanos(i) - previous);
                    record.put(1, profile.valueBytes(i));
                    record.put(2, profile.key(i));
                    record.put(3, profile.stream(i));
                    record.put(4, profile.kind(i));
                    previous = profile.offsetNanos(i);
                    writer.append(record);
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String header(LoadProfile profile) throws IOException {
        ObjectNode h = JSON.createObjectNode();
        h.put("version", LoadProfile.VERSION);
        h.put("duration_nanos", profile.durationNanos());
        h.put("resolution_nanos", profile.resolutionNanos());
        h.put("recorded_from", profile.recordedFrom());
        h.put("recorded_at", Instant.ofEpochMilli(profile.recordedAtEpochMillis()).toString());
        h.put("events_crc32", checksum(profile));
        ArrayNode streams = h.putArray("streams");
        long[] counts = profile.eventsPerStream();
        for (int s = 0; s < counts.length; s++) {
            streams.addObject().put("name", profile.streams().get(s)).put("events", counts[s]);
        }
        ArrayNode kinds = h.putArray("kinds");
        profile.kinds().forEach(kinds::add);
        return JSON.writeValueAsString(h);
    }

    /** Reads and checks a profile; anything wrong is one line naming the file and the problem. */
    public static Loaded read(Path file) throws InvalidProfileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidProfileException(file + ": no such load profile");
        } catch (AccessDeniedException e) {
            throw new InvalidProfileException(file + ": not readable");
        } catch (IOException e) {
            throw new InvalidProfileException(file + ": cannot read: " + e.getMessage(), e);
        }
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(new SeekableByteArrayInput(bytes), new GenericDatumReader<>())) {
            String version = reader.getMetaString(VERSION_KEY);
            if (version == null) {
                throw new InvalidProfileException(file + ": an Avro file but not a load profile (no " + VERSION_KEY + " in its metadata)");
            }
            int v;
            try {
                v = Integer.parseInt(version.trim());
            } catch (NumberFormatException e) {
                throw new InvalidProfileException(file + ": profile version '" + version + "' is not a number");
            }
            if (v > LoadProfile.VERSION) {
                throw new InvalidProfileException(file + ": profile format version " + v + " is newer than this observatory reads ("
                        + LoadProfile.VERSION + "): upgrade the observatory or record the profile again");
            }
            if (v < 1) {
                throw new InvalidProfileException(file + ": profile format version " + v + " does not exist");
            }
            Schema schema = reader.getSchema();
            if (schema.getType() != Schema.Type.RECORD || !RECORD_NAME.equals(schema.getFullName())) {
                throw new InvalidProfileException(file + ": its records are " + schema.getFullName() + ", not " + RECORD_NAME);
            }
            for (Schema.Field f : EVENT.getFields()) {
                Schema.Field present = schema.getField(f.name());
                if (present == null || present.schema().getType() != f.schema().getType()) {
                    throw new InvalidProfileException(file + ": its records lack the " + f.schema().getType().getName() + " field " + f.name());
                }
            }
            Header header = header(file, reader.getMetaString(HEADER_KEY));
            long expected = 0;
            for (long c : header.counts) {
                expected += c;
            }
            if (expected > Integer.MAX_VALUE) {
                throw new InvalidProfileException(file + ": header claims " + expected + " events, more than a profile can hold");
            }
            int n = (int) expected;
            // the header's count is a claim: start from what the file's size can hold and grow
            int capacity = (int) Math.min(n, 1024L + 16L * bytes.length);
            long[] offsets = new long[capacity];
            int[] sizes = new int[capacity];
            int[] keys = new int[capacity];
            int[] streams = new int[capacity];
            int[] kinds = new int[capacity];
            int i = 0;
            long offset = 0;
            GenericRecord record = null;
            while (reader.hasNext()) {
                if (i == n) {
                    throw new InvalidProfileException(file + ": holds more events than its header's " + n);
                }
                if (i == offsets.length) {
                    int grown = (int) Math.min(n, 2L * offsets.length);
                    offsets = Arrays.copyOf(offsets, grown);
                    sizes = Arrays.copyOf(sizes, grown);
                    keys = Arrays.copyOf(keys, grown);
                    streams = Arrays.copyOf(streams, grown);
                    kinds = Arrays.copyOf(kinds, grown);
                }
                record = reader.next(record);
                long delta = (Long) record.get("delta_nanos");
                if (delta < 0) {
                    throw new InvalidProfileException(file + ": event " + i + " arrives before the one before it");
                }
                offset += delta;
                offsets[i] = offset;
                sizes[i] = (Integer) record.get("value_bytes");
                keys[i] = (Integer) record.get("key");
                streams[i] = (Integer) record.get("stream");
                kinds[i] = (Integer) record.get("kind");
                i++;
            }
            if (i < n) {
                throw new InvalidProfileException(file + ": truncated: holds " + i + " events, its header says " + n);
            }
            LoadProfile profile;
            try {
                profile = new LoadProfile(header.durationNanos, header.resolutionNanos, header.streams, header.kinds, header.recordedFrom,
                        header.recordedAt, offsets, sizes, keys, streams, kinds);
            } catch (IllegalArgumentException e) {
                throw new InvalidProfileException(file + ": corrupt: " + e.getMessage());
            }
            long[] actual = profile.eventsPerStream();
            for (int s = 0; s < actual.length; s++) {
                if (actual[s] != header.counts.get(s)) {
                    throw new InvalidProfileException(file + ": corrupt: stream " + header.streams.get(s) + " holds " + actual[s]
                            + " events, its header says " + header.counts.get(s));
                }
            }
            if (header.crc32 >= 0 && checksum(profile) != header.crc32) {
                throw new InvalidProfileException(file + ": corrupt: its events do not match the checksum in its header");
            }
            return new Loaded(profile, sha256(bytes), file);
        } catch (IOException | AvroRuntimeException | ClassCastException | IllegalArgumentException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidProfileException(file + ": not a readable load profile (corrupt or truncated Avro file: " + why + ")", e);
        }
    }

    /** Avro's deflate blocks carry no checksum: the header carries one of every event's fields, so a changed byte is caught. */
    static long checksum(LoadProfile profile) {
        CRC32 crc = new CRC32();
        ByteBuffer b = ByteBuffer.allocate(24);
        for (int i = 0; i < profile.events(); i++) {
            b.clear();
            b.putLong(profile.offsetNanos(i)).putInt(profile.valueBytes(i)).putInt(profile.key(i)).putInt(profile.stream(i)).putInt(profile.kind(i));
            crc.update(b.array(), 0, 24);
        }
        return crc.getValue();
    }

    private record Header(long durationNanos, long resolutionNanos, String recordedFrom, long recordedAt, List<String> streams,
                          List<Long> counts, List<String> kinds, long crc32) {
    }

    private static Header header(Path file, String text) throws InvalidProfileException {
        if (text == null) {
            throw new InvalidProfileException(file + ": no " + HEADER_KEY + " in its metadata");
        }
        try {
            JsonNode h = JSON.readTree(text);
            long duration = h.path("duration_nanos").asLong(-1);
            long resolution = h.path("resolution_nanos").asLong(-1);
            if (duration <= 0 || resolution <= 0) {
                throw new InvalidProfileException(file + ": header needs positive duration_nanos and resolution_nanos");
            }
            List<String> streams = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            for (JsonNode s : h.path("streams")) {
                streams.add(s.path("name").asText());
                counts.add(s.path("events").asLong(-1));
                if (counts.get(counts.size() - 1) < 0) {
                    throw new InvalidProfileException(file + ": header stream " + s.path("name").asText() + " has no event count");
                }
            }
            List<String> kinds = new ArrayList<>();
            h.path("kinds").forEach(k -> kinds.add(k.asText()));
            long recordedAt = h.hasNonNull("recorded_at") ? Instant.parse(h.get("recorded_at").asText()).toEpochMilli() : 0;
            return new Header(duration, resolution, h.path("recorded_from").asText(""), recordedAt, streams, counts, kinds,
                    h.path("events_crc32").asLong(-1));
        } catch (IOException | RuntimeException e) {
            throw new InvalidProfileException(file + ": its header is not valid JSON: " + e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
