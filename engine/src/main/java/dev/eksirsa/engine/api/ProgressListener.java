package dev.eksirsa.engine.api;

/**
 * Receives human-readable progress from the engine: names and ARNs, never credentials or tokens. Adapters
 * write it to the Jenkins console or to stderr.
 */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void info(String line) {}

        @Override
        public void warn(String line) {}
    };

    void info(String line);

    /** Something the user should look at, but that did not stop the operation. */
    void warn(String line);
}
