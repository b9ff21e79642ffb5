package dev.eksirsa.sandbox.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccountRateLimitTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void aBurstOfOneSecondPasses_thenTheNextCallIsThrottled_untilTimeRefillsTheBucket() {
        AccountRateLimit limit = new AccountRateLimit(10, now::get);
        for (int i = 0; i < 10; i++) {
            assertThat(limit.tryAcquire("111122223333")).as("call %d", i).isTrue();
        }
        assertThat(limit.tryAcquire("111122223333")).isFalse();

        now.addAndGet(100_000_000L); // 0.1 s: one call's worth at 10/s
        assertThat(limit.tryAcquire("111122223333")).isTrue();
        assertThat(limit.tryAcquire("111122223333")).isFalse();
    }

    @Test
    void eachAccountHasItsOwnAllowance() {
        AccountRateLimit limit = new AccountRateLimit(1, now::get);
        assertThat(limit.tryAcquire("111122223333")).isTrue();
        assertThat(limit.tryAcquire("111122223333")).isFalse();
        assertThat(limit.tryAcquire("444455556666")).isTrue();
    }

    @Test
    void anIdleAccountSavesNoMoreThanOneSecondsWorth() {
        AccountRateLimit limit = new AccountRateLimit(2, now::get);
        limit.tryAcquire("111122223333");
        now.addAndGet(60_000_000_000L);
        assertThat(limit.tryAcquire("111122223333")).isTrue();
        assertThat(limit.tryAcquire("111122223333")).isTrue();
        assertThat(limit.tryAcquire("111122223333")).isFalse();
    }

    @Test
    void aRateOfZero_isUnlimited() {
        AccountRateLimit limit = new AccountRateLimit(0, now::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(limit.tryAcquire("111122223333")).isTrue();
        }
    }
}
