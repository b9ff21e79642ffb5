package dev.eksirsa.sandbox.iam;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A managed policy (AWS-managed or customer-managed) with its versions. */
public final class ManagedPolicy {
    public final String name;
    public final String path;
    public final String arn;
    public final String policyId;
    public final Instant createDate;
    public final boolean awsManaged;
    public String description;
    public Instant updateDate;
    /** version id (v1, v2, ...) to document JSON, in creation order. */
    public final Map<String, String> versions = new LinkedHashMap<>();

    public final Map<String, Instant> versionDates = new LinkedHashMap<>();
    public String defaultVersionId;
    public int nextVersion = 1;
    public final Map<String, String> tags = new LinkedHashMap<>();

    public ManagedPolicy(
            String name, String path, String arn, String policyId, Instant createDate, boolean awsManaged) {
        this.name = name;
        this.path = path;
        this.arn = arn;
        this.policyId = policyId;
        this.createDate = createDate;
        this.awsManaged = awsManaged;
        this.updateDate = createDate;
    }

    public String defaultDocument() {
        return versions.get(defaultVersionId);
    }
}
