package dev.eksirsa.sandbox.iam;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** An IAM user; the sandbox has one administrator per account. */
public final class User {
    public final String name;
    public final String path;
    public final String arn;
    public final String userId;
    public final Instant createDate;
    public final Map<String, String> inlinePolicies = new LinkedHashMap<>();
    public final Set<String> attachedPolicyArns = new LinkedHashSet<>();

    public User(String name, String path, String arn, String userId, Instant createDate) {
        this.name = name;
        this.path = path;
        this.arn = arn;
        this.userId = userId;
        this.createDate = createDate;
    }
}
