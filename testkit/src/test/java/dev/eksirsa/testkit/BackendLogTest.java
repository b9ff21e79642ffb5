package dev.eksirsa.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineTestKit;

class BackendLogTest {

    @TempDir
    Path dir;

    @Test
    void run_passedAndFailedTests_writeOneLinePerBackendAndSkippedOnesNothing() throws Exception {
        List<String> lines = runCollectingLog(Sample.class);

        String name = Sample.class.getName();
        assertThat(lines)
                .containsExactlyInAnyOrder(
                        "sandbox-sdk\t" + name + "#passes\tPASSED",
                        "sandbox-sdk\t" + name + "#fails\tFAILED",
                        "sandbox-sdk\t" + name + "#parameterized[1]\tPASSED",
                        "sandbox-sdk\t" + name + "#parameterized[2]\tPASSED",
                        "sandbox-sdk\t" + name + "#chosenAtRunTime\tPASSED",
                        "sandbox-sdk\t" + Sample.Inner.class.getName() + "#inner\tPASSED");
    }

    @Test
    void run_nestedClass_inheritsTheEnclosingClassBackends() throws Exception {
        List<String> lines = runCollectingLog(Sample.Inner.class);

        assertThat(lines).containsExactly("sandbox-sdk\t" + Sample.Inner.class.getName() + "#inner\tPASSED");
    }

    @Test
    void append_fromManyThreads_keepsEveryLineWhole() throws Exception {
        Path log = dir.resolve("sub/backend-runs.log");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String line = "moto\tdev.Example#test" + i + "\tPASSED\n";
            writes.add(pool.submit(() -> BackendLog.append(log, line)));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(400).allMatch(l -> l.matches("moto\tdev\\.Example#test\\d+\tPASSED"));
    }

    private List<String> runCollectingLog(Class<?> testClass) throws Exception {
        Path log = dir.resolve("backend-runs.log");
        String before = System.getProperty(BackendLog.PROPERTY);
        System.setProperty(BackendLog.PROPERTY, log.toString());
        try {
            EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(testClass))
                    .execute();
        } finally {
            if (before == null) {
                System.clearProperty(BackendLog.PROPERTY);
            } else {
                System.setProperty(BackendLog.PROPERTY, before);
            }
        }
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Run only through the engine test kit above (surefire does not pick nested classes). */
    @RunsAgainst(Backend.SANDBOX_SDK)
    static class Sample {

        @Test
        void passes() {}

        @Test
        void fails() {
            Assertions.fail("fails on purpose");
        }

        @Test
        void skipped() {
            Assumptions.abort("skipped on purpose");
        }

        @Disabled("disabled on purpose")
        @Test
        void disabled() {}

        @RunsAgainst({})
        @Test
        void overriddenWithNothing() {}

        @RunsAgainst({})
        @Test
        void chosenAtRunTime() {
            BackendLog.ranAgainst(Backend.SANDBOX_SDK);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2})
        void parameterized(int value) {
            assertThat(value).isPositive();
        }

        @Nested
        class Inner {
            @Test
            void inner() {}
        }
    }
}
