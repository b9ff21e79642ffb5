package io.jenkins.plugins.eksirsa;

import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;

/** One inline policy ({@code inlinePolicies}) in a form: its name and JSON document. */
public final class InlinePolicy implements Describable<InlinePolicy>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String document;

    @DataBoundConstructor
    public InlinePolicy(String name, String document) {
        this.name = name == null ? "" : name.trim();
        this.document = document == null ? "" : document;
    }

    public String getName() {
        return name;
    }

    public String getDocument() {
        return document;
    }

    static Map<String, String> toMap(List<InlinePolicy> policies) {
        Map<String, String> map = new LinkedHashMap<>();
        if (policies != null) {
            policies.forEach(p -> map.put(p.name, p.document));
        }
        return map;
    }

    static List<InlinePolicy> fromMap(Map<String, String> map) {
        List<InlinePolicy> policies = new ArrayList<>();
        map.forEach((k, v) -> policies.add(new InlinePolicy(k, v)));
        return policies;
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<InlinePolicy> {
        @Override
        public String getDisplayName() {
            return "Inline policy";
        }
    }
}
