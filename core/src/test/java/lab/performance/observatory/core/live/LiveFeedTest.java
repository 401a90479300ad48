package lab.performance.observatory.core.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.stats.LatencyHistograms;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

    static final long W = 1000;

    static Histogram micros(long... values) {
        Histogram h = LatencyHistograms.newHistogram();
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void aWindowIsHandedOutOnceItsEndAndTheGraceHavePassedWithEveryTasksDeltaMerged() {
        WindowSummaries s = new WindowSummaries("topology-0", W, 500);
        s.add("r", 10_000, 100, 1, 1000, micros(1000, 2000));
        s.add("r", 10_000, 50, 0, 500, micros(3000)); // another task, same window
        s.add("r", 11_000, 7, 0, 70, micros());
        assertThat(s.close(11_499, run -> 5L)).isEmpty();
        List<WindowSummary> closed = s.close(11_500, run -> 5L);
        assertThat(closed).hasSize(1);
        WindowSummary w = closed.get(0);
        assertThat(w.windowStart()).isEqualTo("1970-01-01T00:00:10Z");
        assertThat(w.processed()).isEqualTo(150);
        assertThat(w.deadLettered()).isEqualTo(1);
        assertThat(w.bytes()).isEqualTo(1500);
        assertThat(w.endToEndMs().count()).isEqualTo(3);
        assertThat(w.endToEndMs().max()).isBetween(2.99, 3.01);
        assertThat(w.histogram().getTotalCount()).isEqualTo(3);
        assertThat(w.lagRecords()).isEqualTo(5);
        assertThat(w.instance()).isEqualTo("topology-0");
        assertThat(w.processedTotal()).isEqualTo(150);
        assertThat(s.openWindows()).isEqualTo(1);

        // a late delta of a window already handed out is not lost: it comes out as a second summary of that window
        s.add("r", 10_000, 3, 0, 30, micros(500));
        List<WindowSummary> later = s.close(12_600, run -> null);
        assertThat(later).extracting(WindowSummary::windowStart).containsExactly("1970-01-01T00:00:10Z", "1970-01-01T00:00:11Z");
        assertThat(later.get(0).processed()).isEqualTo(3);
        assertThat(later.get(1).processedTotal()).isEqualTo(160);
        assertThat(later.get(1).lagRecords()).isNull();
        assertThat(later.get(1).endToEndMs().count()).isZero();
    }

    @Test
    void runsAreKeptApartAndWindowsComeOutOldestFirst() {
        WindowSummaries s = new WindowSummaries("t", W, 0);
        s.add("b", 2000, 1, 0, 1, micros(10));
        s.add("a", 1000, 2, 0, 1, micros(10));
        s.add("a", 2000, 3, 0, 1, micros(10));
        List<WindowSummary> closed = s.close(10_000, Map.of("a", 1L, "b", 2L)::get);
        assertThat(closed).extracting(c -> c.runId() + "@" + c.windowStart() + "=" + c.processed() + "/" + c.lagRecords())
                .containsExactly("a@1970-01-01T00:00:01Z=2/1", "a@1970-01-01T00:00:02Z=3/1", "b@1970-01-01T00:00:02Z=1/2");
    }

    @Test
    void instancesMergeExactlyPerWindowAndLagAndTotalsAddUpAcrossInstances() {
        WindowSummaries one = new WindowSummaries("t-0", W, 0);
        WindowSummaries two = new WindowSummaries("t-1", W, 0);
        one.add("r", 1000, 10, 0, 100, micros(1000, 1000, 1000));
        two.add("r", 1000, 20, 2, 200, micros(9000));
        LiveRuns live = new LiveRuns(300, 10);
        WindowSummary first = live.add(one.close(5000, r -> 4L).get(0));
        assertThat(first.processed()).isEqualTo(10);
        WindowSummary merged = live.add(two.close(5000, r -> 6L).get(0));
        assertThat(merged.processed()).isEqualTo(30);
        assertThat(merged.deadLettered()).isEqualTo(2);
        assertThat(merged.endToEndMs().count()).isEqualTo(4);
        assertThat(merged.endToEndMs().max()).isBetween(8.99, 9.01);
        assertThat(merged.endToEndMs().p50()).isBetween(0.99, 1.01);
        assertThat(merged.lagRecords()).isEqualTo(10);
        assertThat(merged.processedTotal()).isEqualTo(30);
        assertThat(merged.instance()).isNull();
        assertThat(live.windows("r")).hasSize(1);
        assertThat(live.windows("other")).isEmpty();
    }

    @Test
    void onlyTheNewestWindowsAndRunsAreKept() {
        LiveRuns live = new LiveRuns(3, 2);
        for (int run = 0; run < 3; run++) {
            WindowSummaries s = new WindowSummaries("t", W, 0);
            for (int w = 0; w < 5; w++) {
                s.add("run-" + run, w * W, 1, 0, 1, micros(5));
            }
            s.close(100_000, r -> null).forEach(live::add);
        }
        assertThat(live.windows("run-0")).isEmpty();
        assertThat(live.windows("run-2")).extracting(WindowSummary::windowStart)
                .containsExactly("1970-01-01T00:00:02Z", "1970-01-01T00:00:03Z", "1970-01-01T00:00:04Z");
        assertThat(live.windows("run-2").get(2).processedTotal()).isEqualTo(5);
    }

    @Test
    void aSlowClientGetsOnlyTheNewestMessageAndIsClosedWhenItMakesNoProgress() {
        Outbox o = new Outbox(2, 3_000);
        assertThat(o.offer("m1", 0)).isEqualTo(Outbox.Action.SEND);
        assertThat(o.offer("m2", 10)).isEqualTo(Outbox.Action.SEND);
        assertThat(o.offer("m3", 20)).isEqualTo(Outbox.Action.QUEUED);
        assertThat(o.offer("m4", 30)).isEqualTo(Outbox.Action.QUEUED);
        assertThat(o.coalesced()).isEqualTo(1);
        assertThat(o.sent()).isEqualTo("m4"); // progress: the newest goes next, m3 was dropped
        assertThat(o.inFlight()).isEqualTo(2);
        assertThat(o.sent()).isNull();
        assertThat(o.inFlight()).isEqualTo(1);
        assertThat(o.offer("m5", 1_000)).isEqualTo(Outbox.Action.SEND);
        assertThat(o.offer("m6", 1_000)).isEqualTo(Outbox.Action.QUEUED);
        assertThat(o.check(3_999)).isEqualTo(Outbox.Action.QUEUED);
        assertThat(o.check(4_000)).isEqualTo(Outbox.Action.CLOSE);
        assertThat(o.offer("m7", 4_001)).isEqualTo(Outbox.Action.CLOSE);
        assertThat(o.sent()).isNull(); // closed: nothing more is sent
    }

    @Test
    void aClientThatKeepsUpIsNeverClosedHoweverLongItRuns() {
        Outbox o = new Outbox(1, 1_000);
        for (long t = 0; t < 1_000_000; t += 500) {
            assertThat(o.offer("m" + t, t)).isEqualTo(Outbox.Action.SEND);
            assertThat(o.check(t + 400)).isEqualTo(Outbox.Action.QUEUED);
            assertThat(o.sent()).isNull();
        }
        assertThat(o.coalesced()).isZero();
        assertThatThrownBy(() -> new Outbox(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
