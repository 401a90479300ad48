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
}
