package dev.eksirsa.engine.api;

import java.util.ArrayList;
import java.util.List;

/** Forwards progress and keeps the warnings, so the result lists what the console showed. */
public final class RecordingListener implements ProgressListener {
    private final ProgressListener delegate;
    private final List<String> warnings = new ArrayList<>();

    public RecordingListener(ProgressListener delegate) {
        this.delegate = delegate == null ? ProgressListener.NONE : delegate;
    }

    @Override
    public void info(String line) {
        delegate.info(line);
    }

    @Override
    public synchronized void warn(String line) {
        warnings.add(line);
        delegate.warn(line);
    }

    /** A snapshot. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The warnings after the first {@code from} (one run's, when a listener serves several). */
    public synchronized List<String> warningsSince(int from) {
        return List.copyOf(warnings.subList(Math.min(from, warnings.size()), warnings.size()));
    }

    public synchronized int warningCount() {
        return warnings.size();
    }
}
