package io.jenkins.plugins.eksirsa;

import dev.eksirsa.engine.steps.FormShape;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;

/** One entry of a map argument ({@code tags}) in a form; a Pipeline may write the map itself. */
public final class KeyValue implements Describable<KeyValue>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;

    @DataBoundConstructor
    public KeyValue(String key, String value) {
        this.key = key == null ? "" : key.trim();
        this.value = value == null ? "" : value;
    }

    public String getKey() {
        return key;
    }

    public String getValue() {
        return value;
    }

    static Map<String, String> toMap(List<KeyValue> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        if (entries != null) {
            entries.forEach(e -> map.put(e.key, e.value));
        }
        return map;
    }

    static List<KeyValue> fromMap(Map<String, String> map) {
        List<KeyValue> entries = new ArrayList<>();
        map.forEach((k, v) -> entries.add(new KeyValue(k, v)));
        return entries;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<KeyValue> {
        @Override
        public String getDisplayName() {
            return FormShape.KEY + "=" + FormShape.VALUE;
        }
    }
}
