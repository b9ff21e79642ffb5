package dev.eksirsa.cli;

import dev.eksirsa.engine.api.ProgressListener;
import java.io.PrintStream;

/** Progress lines on stderr, so stdout stays the result alone. */
final class ConsoleProgress implements ProgressListener {
    private final PrintStream err;

    ConsoleProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void info(String line) {
        err.println(line);
    }

    @Override
    public void warn(String line) {
        err.println("WARNING: " + line);
    }
}
