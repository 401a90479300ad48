package lab.performance.observatory.schemas.profile;

import lab.performance.observatory.schemas.EventSchemas;
import lab.performance.observatory.schemas.MalformedEventException;
import lab.performance.observatory.schemas.SingleObjectFraming;

/**
 * The kind of a recorded value where its bytes tell it: a single-object framed Avro event whose
 * fingerprint is one of the bundled schemas is that event type. Anything else (registry framing,
 * whose id means nothing without the registry; JSON; foreign Avro) is unknown: null.
 */
public final class EventKinds {

    private EventKinds() {
    }

    public static String of(byte[] value) {
        if (value == null || value.length < SingleObjectFraming.HEADER_LENGTH) {
            return null;
        }
        try {
            return EventSchemas.byFingerprint(SingleObjectFraming.readFingerprint(value)).map(w -> w.dataType().wireName()).orElse(null);
        } catch (MalformedEventException e) {
            return null;
        }
    }
}
