package dev.eksirsa.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How the benchmark starts eks-irsa in another process: this JVM's java, with this JVM's class path. */
final class BenchJava {
    private BenchJava() {}

    static String java() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code java -cp <class path> dev.eksirsa.cli.Main}: the plain JVM, no launcher flags. */
    static List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        return command;
    }

    /**
     * The command the README gives users: the {@code bin/eks-irsa} launcher of the checkout this jar was built in (or
     * the one beside the jar) when this JVM runs from the jar, else the plain JVM.
     */
    static List<String> userCommand() {
        Path jar = Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0])
                .toAbsolutePath();
        if (jar.toString().endsWith(".jar")) {
            for (Path launcher : List.of(
                    jar.resolveSibling("eks-irsa"),
                    jar.getParent().resolve("../../bin/eks-irsa").normalize())) {
                if (Files.isExecutable(launcher)) {
                    return List.of(launcher.toString());
                }
            }
        }
        return command();
    }
}
