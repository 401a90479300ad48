package lab.performance.observatory.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParentWatchTest {

    @Test
    void withoutAParentNothingIsWatched() {
        List<Integer> exits = new ArrayList<>();
        assertThat(ParentWatch.start(null, exits::add)).isFalse();
        assertThat(ParentWatch.start(" ", exits::add)).isFalse();
        assertThat(exits).isEmpty();
    }

    @Test
    void aParentThatIsAlreadyGoneEndsTheChildAtOnce() {
        List<Integer> exits = new ArrayList<>();
        assertThat(ParentWatch.start(Long.toString(Long.MAX_VALUE), exits::add)).isTrue();
        assertThat(exits).containsExactly(3);
    }

    @Test
    void aLiveParentIsWatchedWithoutEndingAnything() {
        List<Integer> exits = new ArrayList<>();
        assertThat(ParentWatch.start(Long.toString(ProcessHandle.current().pid()), exits::add)).isTrue();
        assertThat(exits).isEmpty();
    }
}
