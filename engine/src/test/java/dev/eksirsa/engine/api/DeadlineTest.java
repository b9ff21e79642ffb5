package dev.eksirsa.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void cap_afterPartOfTheBudget_givesOnlyWhatIsLeft() {
        Deadline deadline = new Deadline(Instant.now().minusSeconds(50), Duration.ofSeconds(60));

        assertThat(deadline.cap(Duration.ofSeconds(30))).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        assertThat(deadline.cap(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void remaining_pastTheBudget_isZero() {
        Deadline deadline = new Deadline(Instant.now().minusSeconds(61), Duration.ofSeconds(60));

        assertThat(deadline.remaining()).isZero();
        assertThat(Deadline.NONE.cap(Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
    }
}
