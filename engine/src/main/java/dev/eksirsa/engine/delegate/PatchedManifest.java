package dev.eksirsa.engine.delegate;

import java.util.List;

/**
 * A downloaded manifest after {@link DownloadedManifestPatcher}: its objects, and one line per fix applied (kinds,
 * names and field values of the fix only, never the Secrets' data). No fix means the file was already right.
 */
public record PatchedManifest(DelegateManifest manifest, List<String> fixes) {

    public PatchedManifest {
        if (manifest == null) {
            throw new IllegalArgumentException("manifest must not be null");
        }
        fixes = List.copyOf(fixes);
    }

    public boolean changed() {
        return !fixes.isEmpty();
    }

    @Override
    public String toString() {
        return "PatchedManifest[" + manifest + ", fixes=" + fixes + "]";
    }
}
