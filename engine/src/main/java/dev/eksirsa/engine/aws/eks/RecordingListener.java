package dev.eksirsa.engine.aws.eks;

import dev.eksirsa.engine.api.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/** Forwards progress and keeps the warnings, so the result lists what the console showed. */
final class RecordingListener implements ProgressListener {
    private final ProgressListener delegate;
    private final List<String> warnings = new ArrayList<>();

    RecordingListener(ProgressListener delegate) {
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
    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }
}
