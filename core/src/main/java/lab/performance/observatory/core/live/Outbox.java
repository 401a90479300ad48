package lab.performance.observatory.core.live;

/**
 * What one live client is sent, decided without I/O (docs/api.md, "Live"): at most
 * {@code maxInFlight} messages whose writes have not completed; past that, only the newest message
 * waits (older ones are dropped, coalesced: a live view wants the latest window, not a backlog);
 * a client whose writes have made no progress for {@code maxBehindNanos} while messages wait is to
 * be closed, so it never holds memory or delays anyone. The caller writes, reports each completed
 * write, and reads the clock.
 */
public final class Outbox {

    /** What to do with a message offered. */
    public enum Action { SEND, QUEUED, CLOSE }

    private final int maxInFlight;
    private final long maxBehindNanos;
    private int inFlight;
    private String waiting;
    private long behindSince = -1;
    private long coalesced;
    private boolean closed;

    public Outbox(int maxInFlight, long maxBehindNanos) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.maxInFlight = maxInFlight;
        this.maxBehindNanos = maxBehindNanos;
    }

    public synchronized Action offer(String message, long nowNanos) {
        if (closed) {
            return Action.CLOSE;
        }
        if (inFlight < maxInFlight) {
            inFlight++;
            return Action.SEND;
        }
        if (waiting != null) {
            coalesced++;
        }
        waiting = message;
        if (behindSince < 0) {
            behindSince = nowNanos;
        }
        return check(nowNanos);
    }

    /** CLOSE when a client with a message waiting has made no progress for too long, else QUEUED (call it on a timer too). */
    public synchronized Action check(long nowNanos) {
        if (closed || behindSince >= 0 && nowNanos - behindSince >= maxBehindNanos) {
            closed = true;
            return Action.CLOSE;
        }
        return Action.QUEUED;
    }

    /** One write completed; returns the message to send next (the newest that waited), or null. */
    public synchronized String sent() {
        inFlight = Math.max(0, inFlight - 1);
        behindSince = -1;
        if (closed || waiting == null) {
            return null;
        }
        String next = waiting;
        waiting = null;
        inFlight++;
        return next;
    }

    /** Messages dropped because a newer one replaced them while the client was behind. */
    public synchronized long coalesced() {
        return coalesced;
    }

    public synchronized int inFlight() {
        return inFlight;
    }
}
