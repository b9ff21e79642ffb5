package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.api.ProgressListener;
import hudson.model.TaskListener;

/** The engine's progress in the build log, each line prefixed with the step's name. */
final class ConsoleProgress implements ProgressListener {
    private final TaskListener listener;
    private final String step;

    ConsoleProgress(TaskListener listener, String step) {
        this.listener = listener;
        this.step = step;
    }

    @Override
    public void info(String line) {
        listener.getLogger().println("[" + step + "] " + line);
    }

    @Override
    public void warn(String line) {
        listener.getLogger().println("[" + step + "] WARNING: " + line);
    }
}
