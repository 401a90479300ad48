package lab.performance.observatory.cdc;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The replication slot and publication of one run's change capture (docs/cdc.md): both named
 * {@code obs_cdc_<run>}, where {@code <run>} is the run id in the characters a slot name may hold
 * (lower-case letters, digits, underscores; at most 63 bytes). A run id too long for that keeps its
 * start and a checksum of the whole, so two runs never share a slot. The prefix marks a slot as the
 * observatory's: only such slots are ever removed as a crashed run's leftovers.
 */
public record CdcNames(String runId, String slot, String publication) {

    public static final String PREFIX = "obs_cdc_";
    static final int MAX_NAME = 63;

    public static CdcNames of(String runId) {
        String cleaned = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = PREFIX + cleaned;
        if (name.length() > MAX_NAME) {
            CRC32 crc = new CRC32();
            crc.update(runId.getBytes(StandardCharsets.UTF_8));
            String suffix = "_" + String.format("%08x", crc.getValue());
            name = name.substring(0, MAX_NAME - suffix.length()) + suffix;
        }
        return new CdcNames(runId, name, name);
    }

    /** The schema the run's tables live in (dropped with them at the end): the slot's name. */
    public String schema() {
        return slot;
    }

    /** A CDC source's table, unqualified: its name with '-' as '_' (a source name is a DNS label of at most 40 characters). */
    public static String table(String sourceName) {
        return sourceName.replace('-', '_');
    }

    /** The source's table in the run's schema. */
    public String qualifiedTable(String sourceName) {
        return schema() + "." + table(sourceName);
    }

    /** Whether a slot's name says the observatory made it. */
    public static boolean ours(String slotName) {
        return slotName != null && slotName.startsWith(PREFIX);
    }
}
