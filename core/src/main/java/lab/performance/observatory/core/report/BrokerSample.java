package lab.performance.observatory.core.report;

import java.time.Instant;

/**
 * One reading of the broker's cumulative metrics: bytes and messages in and out since it started,
 * produce and fetch request counts with their summed total time, and the p99 of each request type
 * as the broker's (recent, decaying) reservoir had it.
 */
public record BrokerSample(Instant at, double bytesIn, double bytesOut, double messagesIn,
                           long produceRequests, double produceTimeMsSum, double produceP99Ms,
                           long fetchRequests, double fetchTimeMsSum, double fetchP99Ms) {

    /** Whether a counter went down between {@code first} and {@code last} of time-sorted samples: the broker restarted, rates are unknown. */
    public static boolean resetBetween(java.util.List<BrokerSample> sorted, BrokerSample first, BrokerSample last) {
        BrokerSample previous = null;
        for (BrokerSample s : sorted) {
            if (s.at().isBefore(first.at()) || s.at().isAfter(last.at())) {
                continue;
            }
            if (previous != null && (s.bytesIn() < previous.bytesIn() || s.bytesOut() < previous.bytesOut()
                    || s.messagesIn() < previous.messagesIn() || s.produceRequests() < previous.produceRequests())) {
                return true;
            }
            previous = s;
        }
        return false;
    }
}
