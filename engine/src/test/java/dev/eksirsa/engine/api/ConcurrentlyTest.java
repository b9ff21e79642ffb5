package dev.eksirsa.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

    @Test
    void all_runsTheTasksAtTheSameTime_andKeepsTheirOrder() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Supplier<String> first = () -> meet(bothStarted, "first");
        Supplier<String> second = () -> meet(bothStarted, "second");

        assertThat(Concurrently.all(List.of(first, second))).containsExactly("first", "second");
    }

    @Test
    void all_throwsTheFirstFailureInOrder_asTheTaskThrewIt_afterEveryTaskIsDone() {
        CountDownLatch slowDone = new CountDownLatch(1);
        Supplier<String> slow = () -> {
            sleep(100);
            slowDone.countDown();
            throw new ConflictException("first in order");
        };
        Supplier<String> fast = () -> {
            throw new IllegalStateException("second in order");
        };

        assertThatThrownBy(() -> Concurrently.all(List.of(slow, fast)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("first in order");
        assertThat(slowDone.getCount()).isZero();
    }

    @Test
    void all_ofOneTask_mayReturnNull() {
        assertThat(Concurrently.all(List.of(() -> null))).containsExactly((Object) null);
    }

    @Test
    void run_returnsOnceEveryTaskHasRun() {
        int[] done = new int[2];
        Concurrently.run(List.of(() -> done[0] = 1, () -> {
            sleep(50);
            done[1] = 1;
        }));
        assertThat(done).containsExactly(1, 1);
    }

    private static String meet(CountDownLatch latch, String value) {
        latch.countDown();
        try {
            // only returns if the other task started too: proves they overlap
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the tasks did not run at the same time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
