package lab.performance.observatory.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecFieldsTest {

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(SpecFields.editDistance("rate", "rate")).isZero();
        assertThat(SpecFields.editDistance("rate", "rat")).isEqualTo(1);
        assertThat(SpecFields.editDistance("rate", "grate")).isEqualTo(1);
        assertThat(SpecFields.editDistance("rate", "race")).isEqualTo(1);
        assertThat(SpecFields.editDistance("", "abc")).isEqualTo(3);
        assertThat(SpecFields.editDistance("kitten", "sitting")).isEqualTo(3);
    }
}
