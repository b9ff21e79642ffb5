package dev.eksirsa.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eksirsa.engine.aws.eks.EksToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshingEksTokenTest {

    @Test
    void getToken_beforeAndAfterFourteenMinutes_reusesThenSignsAgain() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        AtomicInteger signed = new AtomicInteger();
        RefreshingEksToken tokens = new RefreshingEksToken(
                () -> {
                    Instant now = clock.instant();
                    return new EksToken(
                            EksToken.PREFIX + signed.incrementAndGet(), now, now.plus(Duration.ofMinutes(14)));
                },
                clock);

        String first = tokens.getToken();
        clock.now = clock.now.plus(Duration.ofMinutes(13).plusSeconds(59));
        String stillFirst = tokens.getToken();
        clock.now = clock.now.plusSeconds(1);
        String second = tokens.getToken();

        assertThat(first).isEqualTo(EksToken.PREFIX + 1).isEqualTo(stillFirst);
        assertThat(second).isEqualTo(EksToken.PREFIX + 2);
        assertThat(tokens.toString()).doesNotContain(EksToken.PREFIX);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
