package dev.eksirsa.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command reads and writes besides its arguments: the environment it hands the engine, stdout and stderr.
 * The process's own for {@code main}; a test passes its own to run commands in-process.
 */
record CliIo(Map<String, String> env, PrintStream out, PrintStream err) {

    CliIo {
        env = Map.copyOf(env);
    }

    static CliIo system() {
        return new CliIo(System.getenv(), System.out, System.err);
    }
}
