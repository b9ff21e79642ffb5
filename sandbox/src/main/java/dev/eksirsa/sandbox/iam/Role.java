package dev.eksirsa.sandbox.iam;

import dev.eksirsa.sandbox.policy.PolicyDocument;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** An IAM role's state. Mutated only under its account's lock ({@link IamAccount#lock()}). */
public final class Role {
    public final String name;
    public final String path;
    public final String arn;
    public final String roleId;
    public final Instant createDate;
    public String trustPolicyJson;
    public PolicyDocument trustPolicy;
    public String description;
    public int maxSessionDuration = 3600;
    public String permissionsBoundaryArn;
    public final Map<String, String> tags = new LinkedHashMap<>();
    public final Map<String, String> inlinePolicies = new LinkedHashMap<>();
    public final Set<String> attachedPolicyArns = new LinkedHashSet<>();

    public Role(String name, String path, String arn, String roleId, Instant createDate) {
        this.name = name;
        this.path = path;
        this.arn = arn;
        this.roleId = roleId;
        this.createDate = createDate;
    }
}
