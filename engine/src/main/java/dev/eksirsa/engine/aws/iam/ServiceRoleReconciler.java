package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.Change;
import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.AwsErrors;
import dev.eksirsa.engine.aws.Ownership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * A role an AWS service assumes (the EKS cluster role, the node role) with a fixed set of AWS managed
 * policies. Creates it tagged as ours; adds missing policies to ours; refuses to adopt a foreign role of the
 * same name.
 */
public final class ServiceRoleReconciler {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();
    public static final String KIND = "IamRole";

    private final IamClient iam;
    private final String partition;
    private final String accountId;
    private final ProgressListener progress;

    public ServiceRoleReconciler(IamClient iam, String partition, String accountId, ProgressListener progress) {
        this.iam = iam;
        this.partition = partition;
        this.accountId = accountId;
        this.progress = progress;
    }

    /** {@code eks-irsa-<cluster>-<purpose>}, cut to IAM's 64 characters with a hash suffix when longer. */
    public static String roleName(String clusterName, String purpose) {
        String name = "eks-irsa-" + clusterName + "-" + purpose;
        if (name.length() <= 64) {
            return name;
        }
        return name.substring(0, 55) + "-" + sha256Hex(name).substring(0, 8);
    }

    public String roleArn(String roleName) {
        return "arn:" + partition + ":iam::" + accountId + ":role/" + roleName;
    }

    /**
     * @param service the service principal, e.g. {@code eks.amazonaws.com}
     * @param managedPolicies names of AWS managed policies, e.g. {@code AmazonEKSClusterPolicy}
     * @return the role's ARN (known before anything is applied: the existing role's, or the one it will get) and
     *     the changes
     */
    public ServiceRolePlan plan(String roleName, String clusterName, String service, List<String> managedPolicies) {
        String arn = roleArn(roleName);
        List<String> policyArns = managedPolicies.stream()
                .map(p -> "arn:" + partition + ":iam::aws:policy/" + p)
                .toList();
        Optional<Role> actual = read(roleName);
        List<PlannedChange> changes = new ArrayList<>();
        if (actual.isEmpty()) {
            changes.add(new PlannedChange(
                    Change.create(
                            KIND, arn, "trusted by " + service + ", policies " + String.join(", ", managedPolicies)),
                    () -> create(roleName, clusterName, service)));
            policyArns.forEach(p -> changes.add(attach(roleName, arn, p)));
            return new ServiceRolePlan(arn, changes);
        }
        Role role = actual.get();
        List<Tag> tags = AwsErrors.call(
                "listing tags of IAM role " + role.arn(),
                () -> iam.listRoleTags(b -> b.roleName(roleName)).tags());
        if (!Ownership.isOursFor(OidcProviderReconciler.tagMap(tags), clusterName)) {
            throw new ConflictException(
                    "IAM role " + role.arn() + " exists but was not created by eks-irsa for cluster " + clusterName
                            + "; pass its ARN explicitly to use it, or remove it");
        }
        Set<String> attached = attachedPolicies(roleName);
        policyArns.stream()
                .filter(p -> !attached.contains(p))
                .forEach(p -> changes.add(attach(roleName, role.arn(), p)));
        return new ServiceRolePlan(role.arn(), changes);
    }

    /** Detaches the managed policies and deletes the role, only when it is ours for this cluster. */
    public List<PlannedChange> planDelete(String roleName, String clusterName) {
        Optional<Role> actual = read(roleName);
        if (actual.isEmpty()) {
            return List.of();
        }
        String arn = actual.get().arn();
        List<Tag> tags =
                AwsErrors.call("listing tags of IAM role " + arn, () -> iam.listRoleTags(b -> b.roleName(roleName))
                        .tags());
        if (!Ownership.isOursFor(OidcProviderReconciler.tagMap(tags), clusterName)) {
            progress.warn(
                    "IAM role " + arn + " was not created by eks-irsa for " + clusterName + " and is left in place");
            return List.of();
        }
        Set<String> attached = attachedPolicies(roleName);
        return List.of(new PlannedChange(
                Change.delete(KIND, arn, "detach " + attached.size() + " policies, delete the role"), () -> {
                    progress.info("Deleting IAM role " + arn);
                    attached.forEach(p -> AwsErrors.run(
                            "detaching " + p + " from IAM role " + arn,
                            () -> iam.detachRolePolicy(b -> b.roleName(roleName).policyArn(p))));
                    AwsErrors.run("deleting IAM role " + arn, () -> iam.deleteRole(b -> b.roleName(roleName)));
                }));
    }

    /**
     * The trust of a service role, as JSON written by Jackson. EKS's cluster role carries {@code aws:SourceAccount}
     * (AWS's confused-deputy advice for EKS): only EKS acting for this account may assume it.
     */
    static String serviceTrust(String service, String accountId) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", "EksIrsaService");
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Service", service));
        statement.put("Action", "sts:AssumeRole");
        if ("eks.amazonaws.com".equals(service)) {
            statement.put("Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", accountId)));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", List.of(statement));
        try {
            return JSON.writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("trust policy not serialisable", e);
        }
    }

    private void create(String roleName, String clusterName, String service) {
        progress.info("Creating IAM role " + roleArn(roleName));
        List<Tag> tags = new ArrayList<>();
        Ownership.tags(clusterName)
                .forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        String trust = serviceTrust(service, accountId);
        AwsErrors.run(
                "creation of IAM role " + roleArn(roleName) + " in " + accountId,
                () -> iam.createRole(b -> b.roleName(roleName)
                        .assumeRolePolicyDocument(trust)
                        .description("Created by eks-irsa for EKS cluster " + clusterName)
                        .tags(tags)));
    }

    private PlannedChange attach(String roleName, String roleArn, String policyArn) {
        return new PlannedChange(
                Change.update(KIND, roleArn, "attach " + policyArn),
                () -> AwsErrors.run(
                        "attaching " + policyArn + " to IAM role " + roleArn,
                        () -> iam.attachRolePolicy(b -> b.roleName(roleName).policyArn(policyArn))));
    }

    private Set<String> attachedPolicies(String roleName) {
        return AwsErrors.call(
                "listing policies of IAM role " + roleName,
                () -> iam.listAttachedRolePoliciesPaginator(b -> b.roleName(roleName)).attachedPolicies().stream()
                        .map(AttachedPolicy::policyArn)
                        .collect(Collectors.toSet()));
    }

    private Optional<Role> read(String roleName) {
        try {
            return Optional.of(iam.getRole(b -> b.roleName(roleName)).role());
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            throw AwsErrors.translate("reading IAM role " + roleName, e);
        }
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
