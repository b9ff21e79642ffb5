package dev.eksirsa.engine.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs calls that do not depend on each other at the same time, so that a step waits for one round trip instead of
 * several. Daemon threads, shared by every run in the JVM (parallel Jenkins stages included); a failure is thrown
 * to the caller as it was thrown in the task.
 */
public final class Concurrently {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "eks-irsa-io-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private Concurrently() {}

    /** Starts {@code task} now; {@link #join} waits for it. */
    public static <T> CompletableFuture<T> start(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, POOL);
    }

    /** The task's value, or what it threw. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Runs every task at once and returns their values in order; the first failure (in order) is thrown. */
    public static <T> List<T> all(List<Supplier<T>> tasks) {
        if (tasks.size() == 1) {
            List<T> single = new ArrayList<>();
            single.add(tasks.get(0).get());
            return single;
        }
        List<CompletableFuture<T>> started = new ArrayList<>();
        tasks.forEach(task -> started.add(start(task)));
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                .exceptionally(failure -> null)
                .join();
        List<T> values = new ArrayList<>();
        started.forEach(future -> values.add(join(future)));
        return values;
    }

    /** Runs every task at once; returns when all are done, throwing the first failure (in order). */
    public static void run(List<Runnable> tasks) {
        List<Supplier<Void>> suppliers = new ArrayList<>();
        tasks.forEach(task -> suppliers.add(() -> {
            task.run();
            return null;
        }));
        all(suppliers);
    }
}
