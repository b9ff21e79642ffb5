package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsClients;
import dev.eksirsa.engine.aws.AwsErrors;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import dev.eksirsa.engine.aws.iam.policy.PolicyMerge;
import dev.eksirsa.engine.aws.iam.policy.PolicyNormalizer;
import dev.eksirsa.engine.aws.iam.policy.PolicyStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Plans the IAM calls that turn an actual role into the desired one, following CLI.md's ownership rules: a role
 * tagged as ours (or any role with {@code exclusive}) is repaired, including removals; anyone else's role is only
 * added to, and what would have been removed is reported.
 */
public final class RolePlanner {
    public static final String ROLE = "IamRole";
    public static final String POLICY = "IamRolePolicy";

    private final IamClient iam;
    private final PolicyNormalizer normalizer;
    private final TrustQuota quota;
    private final ProgressListener progress;
    private final boolean checkPolicies;

    /** The planner for the IAM of these clients, in {@code partition}. */
    public static RolePlanner of(AwsClients aws, String partition, ProgressListener progress) {
        return new RolePlanner(aws.iam(), partition, progress);
    }

    public RolePlanner(IamClient iam, String partition, ProgressListener progress) {
        this(iam, new PolicyNormalizer(partition), new TrustQuota(iam), progress, true);
    }

    private RolePlanner(
            IamClient iam,
            PolicyNormalizer normalizer,
            TrustQuota quota,
            ProgressListener progress,
            boolean checkPolicies) {
        this.iam = iam;
        this.normalizer = normalizer;
        this.quota = quota;
        this.progress = progress;
        this.checkPolicies = checkPolicies;
    }

    /**
     * @param propagation retries trust writes that name a role created moments ago; null when none was
     */
    public RolePlan plan(
            Optional<ActualRole> actual, DesiredRole desired, boolean exclusive, PrincipalPropagation propagation) {
        if (actual.isEmpty()) {
            return planCreate(desired, propagation);
        }
        ActualRole role = actual.get();
        boolean repair = role.ours() || exclusive;
        List<PlannedChange> changes = new ArrayList<>();
        String arn = role.arn();
        String name = role.name();

        PolicyDocument trust = repair
                ? PolicyMerge.replaceOurs(role.trust(), desired.trust())
                : PolicyMerge.addOurs(role.trust(), desired.trust());
        if (!normalizer.equivalent(trust, role.trust())) {
            checkSize(arn, trust);
            String json = trust.toJson();
            changes.add(change(
                    Change.update(ROLE, arn, "set trust policy (" + describe(desired.trust()) + ")"),
                    "Updating the trust policy of IAM role " + arn,
                    () -> writeTrust(
                            "update of the trust policy of IAM role " + arn,
                            propagation,
                            () -> iam.updateAssumeRolePolicy(
                                    b -> b.roleName(name).policyDocument(json)))));
        }
        planProperties(role, desired, repair, changes);
        planTags(role, desired, changes);
        planAttachments(role, desired, repair, changes);
        planInline(role, desired, repair, changes);
        return new RolePlan(arn, true, trust, changes);
    }

    /** {@code state: absent}: the role itself when ours, else only our trust statements and inline policies. */
    public RolePlan planRemoval(Optional<ActualRole> actual) {
        if (actual.isEmpty()) {
            return new RolePlan(null, false, null, List.of());
        }
        ActualRole role = actual.get();
        String arn = role.arn();
        String name = role.name();
        if (role.ours()) {
            return new RolePlan(
                    arn,
                    true,
                    null,
                    List.of(change(
                            Change.delete(
                                    ROLE,
                                    arn,
                                    "delete " + role.inlinePolicies().size() + " inline policies, detach "
                                            + role.attachedPolicyArns().size() + " policies, delete the role"),
                            "Deleting IAM role " + arn,
                            () -> {
                                role.inlinePolicies().keySet().forEach(p -> deleteInline(name, arn, p));
                                role.attachedPolicyArns().forEach(p -> detach(name, arn, p));
                                AwsErrors.run(
                                        "deletion of IAM role " + arn, () -> iam.deleteRole(b -> b.roleName(name)));
                            })));
        }
        List<PlannedChange> changes = new ArrayList<>();
        PolicyDocument trust = role.trust();
        if (!role.trust().ours().isEmpty()) {
            Optional<PolicyDocument> rest = PolicyMerge.removeOurs(role.trust());
            if (rest.isEmpty()) {
                progress.warn("IAM role " + arn + " was not created by eks-irsa and trusts only eks-irsa's"
                        + " statements; its trust policy is left as it is (a role needs at least one statement)");
            } else {
                trust = rest.get();
                String json = trust.toJson();
                changes.add(change(
                        Change.update(ROLE, arn, "remove eks-irsa's trust statements"),
                        "Removing eks-irsa's trust statements from IAM role " + arn,
                        () -> AwsErrors.run(
                                "update of the trust policy of IAM role " + arn,
                                () -> iam.updateAssumeRolePolicy(
                                        b -> b.roleName(name).policyDocument(json)))));
            }
        }
        role.inlinePolicies().keySet().stream()
                .filter(p -> p.startsWith(PolicyStatement.OUR_SID_PREFIX))
                .forEach(p -> changes.add(change(
                        Change.delete(POLICY, policyId(arn, p), "delete inline policy " + p),
                        "Deleting inline policy " + p + " of IAM role " + arn,
                        () -> deleteInline(name, arn, p))));
        List<String> records = new ArrayList<>();
        role.tags().forEach((key, value) -> {
            if (key.startsWith(AddedRecord.POLICY_PREFIX)) {
                records.add(key);
                if (role.attachedPolicyArns().contains(value)) {
                    changes.add(change(
                            Change.delete(POLICY, policyId(arn, value), "detach " + value + " (added by eks-irsa)"),
                            "Detaching " + value + " from IAM role " + arn,
                            () -> detach(name, arn, value)));
                }
            } else if (key.startsWith(AddedRecord.INLINE_PREFIX)) {
                records.add(key);
                if (role.inlinePolicies().containsKey(value)) {
                    changes.add(change(
                            Change.delete(
                                    POLICY,
                                    policyId(arn, value),
                                    "delete inline policy " + value + " (added by eks-irsa)"),
                            "Deleting inline policy " + value + " of IAM role " + arn,
                            () -> deleteInline(name, arn, value)));
                }
            }
        });
        if (!records.isEmpty()) {
            List<String> sorted = records.stream().sorted().toList();
            changes.add(change(
                    Change.update(ROLE, arn, "remove eks-irsa's records " + sorted),
                    "Untagging IAM role " + arn,
                    () -> AwsErrors.run(
                            "untagging IAM role " + arn,
                            () -> iam.untagRole(b -> b.roleName(name).tagKeys(sorted)))));
        }
        progress.warn("IAM role " + arn + " was not created by eks-irsa; only what eks-irsa added is removed");
        return new RolePlan(arn, true, trust, changes);
    }

    private RolePlan planCreate(DesiredRole desired, PrincipalPropagation propagation) {
        PolicyDocument trust = PolicyDocument.of(desired.trust());
        String arn = desired.arn();
        checkSize(arn, trust);
        List<PlannedChange> changes = new ArrayList<>();
        String json = trust.toJson();
        List<Tag> tags = new ArrayList<>();
        Tags.withOwnership(desired.tags(), desired.clusterName())
                .forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        String description = desired.description() != null
                ? desired.description()
                : "IRSA role created by eks-irsa"
                        + (desired.clusterName() == null ? "" : " for " + desired.clusterName());
        changes.add(change(
                Change.create(ROLE, arn, "trust " + describe(desired.trust())),
                "Creating IAM role " + arn,
                () -> writeTrust(
                        "creation of IAM role " + arn,
                        propagation,
                        () -> iam.createRole(b -> b.roleName(desired.name())
                                .path(desired.path())
                                .assumeRolePolicyDocument(json)
                                .description(description)
                                .maxSessionDuration(desired.maxSessionDuration())
                                .permissionsBoundary(desired.permissionsBoundary())
                                .tags(tags)))));
        requireExisting(arn, desired.policyArns());
        desired.inlinePolicies().forEach((p, document) -> changes.add(putInline(desired.name(), arn, p, document)));
        desired.policyArns().stream().sorted().forEach(p -> changes.add(attach(desired.name(), arn, p)));
        return new RolePlan(arn, false, trust, changes);
    }

    private void planProperties(ActualRole role, DesiredRole desired, boolean repair, List<PlannedChange> changes) {
        String arn = role.arn();
        boolean description = desired.description() != null
                && !desired.description().equals(Objects.toString(role.description(), ""));
        boolean session = desired.maxSessionDuration() != null
                && !desired.maxSessionDuration().equals(role.maxSessionDuration());
        if (description || session) {
            if (repair) {
                changes.add(change(
                        Change.update(
                                ROLE,
                                arn,
                                (description ? "set description" : "")
                                        + (description && session ? ", " : "")
                                        + (session
                                                ? "set max session duration " + desired.maxSessionDuration() + "s"
                                                : "")),
                        "Updating IAM role " + arn,
                        () -> AwsErrors.run(
                                "update of IAM role " + arn,
                                () -> iam.updateRole(b -> b.roleName(role.name())
                                        .description(description ? desired.description() : null)
                                        .maxSessionDuration(session ? desired.maxSessionDuration() : null)))));
            } else {
                progress.warn("IAM role " + arn + " was not created by eks-irsa: its description or max session"
                        + " duration differ from the spec and are left (use exclusive to change them)");
            }
        }
        String boundary = desired.permissionsBoundary();
        if (boundary != null && !boundary.equals(role.permissionsBoundary())) {
            if (repair || role.permissionsBoundary() == null) {
                changes.add(change(
                        Change.update(ROLE, arn, "set permissions boundary " + boundary),
                        "Setting the permissions boundary of IAM role " + arn,
                        () -> AwsErrors.run(
                                "setting the permissions boundary of IAM role " + arn,
                                () -> iam.putRolePermissionsBoundary(
                                        b -> b.roleName(role.name()).permissionsBoundary(boundary)))));
            } else {
                progress.warn("IAM role " + arn + " has permissions boundary " + role.permissionsBoundary() + ", not "
                        + boundary + "; left as it is (not created by eks-irsa)");
            }
        }
    }

    private void planTags(ActualRole role, DesiredRole desired, List<PlannedChange> changes) {
        List<Tag> missing = new ArrayList<>();
        for (Map.Entry<String, String> tag : desired.tags().entrySet()) {
            if (!tag.getValue().equals(role.tags().get(tag.getKey()))) {
                missing.add(
                        Tag.builder().key(tag.getKey()).value(tag.getValue()).build());
            }
        }
        if (!missing.isEmpty()) {
            changes.add(change(
                    Change.update(
                            ROLE,
                            role.arn(),
                            "tag "
                                    + String.join(
                                            ", ", missing.stream().map(Tag::key).toList())),
                    "Tagging IAM role " + role.arn(),
                    () -> AwsErrors.run(
                            "tagging IAM role " + role.arn(),
                            () -> iam.tagRole(b -> b.roleName(role.name()).tags(missing)))));
        }
    }

    private void planAttachments(ActualRole role, DesiredRole desired, boolean repair, List<PlannedChange> changes) {
        List<String> toAttach = desired.policyArns().stream()
                .filter(p -> !role.attachedPolicyArns().contains(p))
                .sorted()
                .toList();
        requireExisting(role.arn(), toAttach);
        toAttach.forEach(p -> {
            changes.add(attach(role.name(), role.arn(), p));
            if (!role.ours()) {
                record(role, AddedRecord.policy(p), p, changes);
            }
        });
        List<String> extra = role.attachedPolicyArns().stream()
                .filter(p -> !desired.policyArns().contains(p))
                .sorted()
                .toList();
        if (repair) {
            extra.forEach(p -> changes.add(change(
                    Change.delete(POLICY, policyId(role.arn(), p), "detach " + p),
                    "Detaching " + p + " from IAM role " + role.arn(),
                    () -> detach(role.name(), role.arn(), p))));
        } else if (!extra.isEmpty()) {
            progress.warn("IAM role " + role.arn() + " was not created by eks-irsa; policies " + extra
                    + " are not in the spec and are left attached (use exclusive to detach them)");
        }
    }

    private void planInline(ActualRole role, DesiredRole desired, boolean repair, List<PlannedChange> changes) {
        desired.inlinePolicies().forEach((p, document) -> {
            PolicyDocument current = role.inlinePolicies().get(p);
            if (current == null || !normalizer.equivalent(current, document)) {
                changes.add(putInline(role.name(), role.arn(), p, document));
            }
            if (current == null && !role.ours() && !p.startsWith(PolicyStatement.OUR_SID_PREFIX)) {
                record(role, AddedRecord.inline(p), p, changes);
            }
        });
        List<String> extra = role.inlinePolicies().keySet().stream()
                .filter(p -> !desired.inlinePolicies().containsKey(p))
                .sorted()
                .toList();
        for (String p : extra) {
            if (repair || p.startsWith(PolicyStatement.OUR_SID_PREFIX)) {
                changes.add(change(
                        Change.delete(POLICY, policyId(role.arn(), p), "delete inline policy " + p),
                        "Deleting inline policy " + p + " of IAM role " + role.arn(),
                        () -> deleteInline(role.name(), role.arn(), p)));
            } else {
                progress.warn("IAM role " + role.arn() + " was not created by eks-irsa; inline policy " + p
                        + " is not in the spec and is left (use exclusive to delete it)");
            }
        }
    }

    /**
     * Managed policies to attach must exist: found now by a read, not by AttachRolePolicy after the role was
     * created. Without iam:GetPolicy the check is skipped with a warning.
     */
    private void requireExisting(String roleArn, java.util.Collection<String> policyArns) {
        if (!checkPolicies) {
            return;
        }
        List<Runnable> checks = new ArrayList<>();
        for (String policyArn : policyArns) {
            checks.add(() -> requireExisting(roleArn, policyArn));
        }
        dev.eksirsa.engine.api.Concurrently.run(checks);
    }

    private void requireExisting(String roleArn, String policyArn) {
        try {
            iam.getPolicy(b -> b.policyArn(policyArn));
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException e) {
            throw new dev.eksirsa.engine.api.InvalidInputException(
                    "policyArns",
                    "managed policy " + policyArn + " does not exist (to attach to IAM role " + roleArn + ")");
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            progress.warn("cannot check that managed policy " + policyArn + " exists (" + AwsErrors.code(e)
                    + "); AttachRolePolicy will tell");
        }
    }

    /**
     * This planner without the read that managed policies exist: for the service roles, whose AWS managed
     * policies eks-irsa names itself (no user can mistype them).
     */
    public RolePlanner trustingPolicyArns() {
        return new RolePlanner(iam, normalizer, quota, progress, false);
    }

    /** Tags a foreign role with what this run adds to it, so teardown removes that and nothing else. */
    private void record(
            ActualRole role, Optional<Map.Entry<String, String>> tag, String what, List<PlannedChange> changes) {
        if (tag.isEmpty()) {
            progress.warn("IAM role " + role.arn() + ": " + what + " is too long to record on the role; state absent"
                    + " will leave it");
            return;
        }
        Tag record = Tag.builder()
                .key(tag.get().getKey())
                .value(tag.get().getValue())
                .build();
        changes.add(change(
                Change.update(ROLE, role.arn(), "record " + what + " as added by eks-irsa (tag " + record.key() + ")"),
                "Recording on IAM role " + role.arn() + " that eks-irsa added " + what,
                () -> AwsErrors.run(
                        "tagging IAM role " + role.arn(),
                        () -> iam.tagRole(b -> b.roleName(role.name()).tags(record)))));
    }

    private PlannedChange putInline(String roleName, String arn, String policyName, PolicyDocument document) {
        String json = document.toJson();
        return change(
                Change.update(POLICY, policyId(arn, policyName), "put inline policy " + policyName),
                "Putting inline policy " + policyName + " on IAM role " + arn,
                () -> AwsErrors.run(
                        "putting inline policy " + policyName + " on IAM role " + arn,
                        () -> iam.putRolePolicy(
                                b -> b.roleName(roleName).policyName(policyName).policyDocument(json))));
    }

    private PlannedChange attach(String roleName, String arn, String policyArn) {
        return change(
                Change.update(POLICY, policyId(arn, policyArn), "attach " + policyArn),
                "Attaching " + policyArn + " to IAM role " + arn,
                () -> AwsErrors.run(
                        "attaching " + policyArn + " to IAM role " + arn,
                        () -> iam.attachRolePolicy(b -> b.roleName(roleName).policyArn(policyArn))));
    }

    /** A policy change's id: the role's ARN, {@code /}, and the inline policy's name or the managed one's. */
    public static String policyId(String roleArn, String policy) {
        return roleArn + "/" + policy.substring(policy.lastIndexOf('/') + 1);
    }

    private void detach(String roleName, String arn, String policyArn) {
        AwsErrors.run(
                "detaching " + policyArn + " from IAM role " + arn,
                () -> iam.detachRolePolicy(b -> b.roleName(roleName).policyArn(policyArn)));
    }

    private void deleteInline(String roleName, String arn, String policyName) {
        AwsErrors.run(
                "deleting inline policy " + policyName + " of IAM role " + arn,
                () -> iam.deleteRolePolicy(b -> b.roleName(roleName).policyName(policyName)));
    }

    private <T> void writeTrust(String what, PrincipalPropagation propagation, Supplier<T> call) {
        if (propagation == null) {
            AwsErrors.call(what, call);
        } else {
            propagation.call(what, Object.class, call::get, progress);
        }
    }

    private void checkSize(String arn, PolicyDocument trust) {
        int size = trust.size();
        if (size <= TrustQuota.DEFAULT) {
            return; // within the smallest quota an account can have: no need to read the account's
        }
        int limit = quota.get();
        if (size > limit) {
            throw new InvalidInputException(
                    "serviceAccounts",
                    "the trust policy of IAM role " + arn + " would be " + size + " characters, over the account's"
                            + " AssumeRolePolicySizeQuota of " + limit + "; trust fewer service accounts, use a"
                            + " pattern, or " + quota.howToRaise());
        }
    }

    private PlannedChange change(Change change, String progressLine, Runnable apply) {
        return new PlannedChange(change, () -> {
            progress.info(progressLine);
            apply.run();
        });
    }

    private static String describe(List<PolicyStatement> ours) {
        List<String> parts = new ArrayList<>();
        for (PolicyStatement s : ours) {
            parts.add(s.sid());
        }
        return "statements " + String.join(", ", parts);
    }
}
