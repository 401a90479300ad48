package lab.performance.observatory.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import lab.performance.observatory.core.spec.ChangeMix;
import org.junit.jupiter.api.Test;

class RowChangesTest {

    @Test
    void changesFollowTheMixAndOnlyEverTouchLiveRows() {
        RowChanges changes = new RowChanges(new ChangeMix(0.5, 0.3, 0.2), new SplittableRandom(7));
        Set<Long> live = new HashSet<>();
        Map<ChangeMix.Op, Integer> counts = new EnumMap<>(ChangeMix.Op.class);
        for (int i = 0; i < 100_000; i++) {
            RowChanges.Change c = changes.next();
            counts.merge(c.op, 1, Integer::sum);
            switch (c.op) {
                case INSERT -> assertThat(live.add(c.rowId)).as("a new row").isTrue();
                case UPDATE -> assertThat(live).contains(c.rowId);
                case DELETE -> assertThat(live.remove(c.rowId)).as("a live row").isTrue();
            }
        }
        assertThat(changes.liveRows()).isEqualTo(live.size());
        assertThat(counts.get(ChangeMix.Op.INSERT) / 100_000.0).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts.get(ChangeMix.Op.UPDATE) / 100_000.0).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts.get(ChangeMix.Op.DELETE) / 100_000.0).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void withNoLiveRowAnUpdateOrDeleteIsAnInsertAndTheSameSeedChangesTheSameRows() {
        RowChanges onlyDeletes = new RowChanges(new ChangeMix(0, 0, 1), new SplittableRandom(1));
        assertThat(onlyDeletes.next().op).isEqualTo(ChangeMix.Op.INSERT);
        assertThat(onlyDeletes.next().op).isEqualTo(ChangeMix.Op.DELETE);
        assertThat(onlyDeletes.liveRows()).isZero();
        RowChanges a = new RowChanges(ChangeMix.DEFAULT, new SplittableRandom(42));
        RowChanges b = new RowChanges(ChangeMix.DEFAULT, new SplittableRandom(42));
        for (int i = 0; i < 10_000; i++) {
            RowChanges.Change x = a.next();
            ChangeMix.Op op = x.op;
            long row = x.rowId;
            RowChanges.Change y = b.next();
            assertThat(y.op).isEqualTo(op);
            assertThat(y.rowId).isEqualTo(row);
        }
    }

    @Test
    void aMixMustAddUpToOne() {
        assertThatThrownBy(() -> new ChangeMix(0.5, 0.5, 0.5)).hasMessageContaining("add up to 1");
        assertThatThrownBy(() -> new ChangeMix(1.2, -0.2, 0)).hasMessageContaining(">= 0");
        assertThat(new ChangeMix(0.2, 0.3, 0.5).pick(0.1)).isEqualTo(ChangeMix.Op.INSERT);
        assertThat(new ChangeMix(0.2, 0.3, 0.5).pick(0.4)).isEqualTo(ChangeMix.Op.UPDATE);
        assertThat(new ChangeMix(0.2, 0.3, 0.5).pick(0.5)).isEqualTo(ChangeMix.Op.DELETE);
    }
}
