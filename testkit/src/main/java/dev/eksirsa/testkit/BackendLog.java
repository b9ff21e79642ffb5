package dev.eksirsa.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit extension behind {@link RunsAgainst}: appends {@code <backend>\t<class>#<method>\t<PASSED|FAILED>} to
 * the file named by the system property {@value #PROPERTY} (the parent POM sets it for surefire) for every test that
 * ran; skipped and disabled tests write nothing. Appends take a file lock, so forks and modules may write at once.
 */
public final class BackendLog implements BeforeEachCallback, TestWatcher {

    public static final String PROPERTY = "eksirsa.backendLog";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BackendLog.class);
    private static final ThreadLocal<Set<Backend>> RUNTIME =
            ThreadLocal.withInitial(() -> EnumSet.noneOf(Backend.class));
    private static final Object IN_JVM = new Object();

    /**
     * Records that the running test drives these backends, for tests whose backend is a parameter; checks their
     * real clients like the annotation does. Needs {@link RunsAgainst} (possibly empty) on the class or method.
     */
    public static void ranAgainst(Backend... backends) {
        for (Backend backend : backends) {
            backend.requireClient();
            RUNTIME.get().add(backend);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RUNTIME.get().clear();
        Set<Backend> backends = backends(context);
        context.getStore(NAMESPACE).put("declared", backends);
        backends.forEach(Backend::requireClient);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, "PASSED");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, "FAILED");
    }

    private void record(ExtensionContext context, String result) {
        Set<Backend> backends = EnumSet.noneOf(Backend.class);
        @SuppressWarnings("unchecked")
        Set<Backend> declared = context.getStore(NAMESPACE).get("declared", Set.class);
        backends.addAll(declared != null ? declared : backends(context));
        backends.addAll(RUNTIME.get());
        RUNTIME.get().clear();
        String test = testName(context);
        StringBuilder lines = new StringBuilder();
        for (Backend backend : backends) {
            lines.append(backend.logName())
                    .append('\t')
                    .append(test)
                    .append('\t')
                    .append(result)
                    .append('\n');
        }
        String file = System.getProperty(PROPERTY);
        if (file != null && !file.isBlank() && lines.length() > 0) {
            append(Path.of(file), lines.toString());
        }
    }

    static String testName(ExtensionContext context) {
        String name = context.getRequiredTestClass().getName() + "#"
                + context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
        String uniqueId = context.getUniqueId();
        int invocation = uniqueId.lastIndexOf("-invocation:#");
        if (invocation >= 0) {
            name += "[" + uniqueId.substring(invocation + "-invocation:#".length(), uniqueId.length() - 1) + "]";
        }
        return name;
    }

    private static Set<Backend> backends(ExtensionContext context) {
        Optional<RunsAgainst> onMethod =
                context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, RunsAgainst.class));
        if (onMethod.isPresent()) {
            return toSet(onMethod.get().value());
        }
        return declared(context.getRequiredTestClass());
    }

    /** The class's backends, looking at superclasses and, for nested classes, enclosing classes. */
    private static Set<Backend> declared(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<RunsAgainst> annotation =
                    AnnotationSupport.findAnnotation((AnnotatedElement) c, RunsAgainst.class);
            if (annotation.isPresent()) {
                return toSet(annotation.get().value());
            }
        }
        return EnumSet.noneOf(Backend.class);
    }

    private static Set<Backend> toSet(Backend[] values) {
        Set<Backend> set = EnumSet.noneOf(Backend.class);
        set.addAll(List.of(values));
        return set;
    }

    static void append(Path file, String lines) {
        synchronized (IN_JVM) {
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (FileChannel channel = FileChannel.open(
                                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                        FileLock lock = channel.lock()) {
                    ByteBuffer bytes = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the backend log " + file, e);
            }
        }
    }
}
