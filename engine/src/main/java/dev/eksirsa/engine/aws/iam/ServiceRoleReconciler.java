package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.api.ConflictException;
import dev.eksirsa.engine.api.Ownership;
import dev.eksirsa.engine.api.PlannedChange;
import dev.eksirsa.engine.api.ProgressListener;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import dev.eksirsa.engine.aws.iam.policy.PolicyStatement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * A role an AWS service assumes (the EKS cluster role, the node role) with a fixed set of AWS managed
 * policies. Creates it tagged as ours; adds missing policies to ours; refuses to adopt a foreign role of the
 * same name.
 */
public final class ServiceRoleReconciler {
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
        return dev.eksirsa.engine.api.ShortNames.withinIamLimit("eks-irsa-" + clusterName + "-" + purpose);
    }

    public String roleArn(String roleName) {
        return "arn:" + partition + ":iam::" + accountId + ":role/" + roleName;
    }

    /**
     * The service role through the one IAM role planner the IRSA roles use: the same reads, plan, change vocabulary
     * and repair of roles that are ours.
     *
     * @param service the service principal, e.g. {@code eks.amazonaws.com}
     * @param managedPolicies names of AWS managed policies, e.g. {@code AmazonEKSClusterPolicy}
     * @return the role's ARN (known before anything is applied: the existing role's, or the one it will get) and
     *     the changes
     */
    public ServiceRolePlan plan(String roleName, String clusterName, String service, List<String> managedPolicies) {
        return plan(new RoleReader(iam).read(roleName), roleName, clusterName, service, managedPolicies);
    }

    /** As {@link #plan(String, String, String, List)}, with the role already read (its name is all a read needs). */
    public ServiceRolePlan plan(
            Optional<ActualRole> actual,
            String roleName,
            String clusterName,
            String service,
            List<String> managedPolicies) {
        if (actual.isPresent() && !Ownership.isOursFor(actual.get().tags(), clusterName)) {
            throw new ConflictException("IAM role " + actual.get().arn() + " exists but was not created by eks-irsa"
                    + " for cluster " + clusterName + "; pass its ARN explicitly to use it, or remove it");
        }
        DesiredRole desired = new DesiredRole(
                roleName,
                roleArn(roleName),
                "/",
                "Created by eks-irsa for EKS cluster " + clusterName,
                null,
                null,
                Tags.withOwnership(Map.of(), clusterName),
                clusterName,
                List.of(serviceStatement(service, accountId)),
                managedPolicies.stream()
                        .map(p -> "arn:" + partition + ":iam::aws:policy/" + p)
                        .collect(Collectors.toSet()),
                Map.of());
        RolePlan plan =
                new RolePlanner(iam, partition, progress).trustingPolicyArns().plan(actual, desired, false, null);
        return new ServiceRolePlan(plan.arn(), plan.changes());
    }

    /** Detaches the managed policies and deletes the role, only when it is ours for this cluster. */
    public List<PlannedChange> planDelete(String roleName, String clusterName) {
        Optional<ActualRole> actual = new RoleReader(iam).read(roleName);
        if (actual.isEmpty()) {
            return List.of();
        }
        if (!Ownership.isOursFor(actual.get().tags(), clusterName)) {
            progress.warn("IAM role " + actual.get().arn() + " was not created by eks-irsa for " + clusterName
                    + " and is left in place");
            return List.of();
        }
        return new RolePlanner(iam, partition, progress).planRemoval(actual).changes();
    }

    /**
     * The trust statement of a service role. EKS's cluster role carries {@code aws:SourceAccount} (AWS's
     * confused-deputy advice for EKS): only EKS acting for this account may assume it.
     */
    static PolicyStatement serviceStatement(String service, String accountId) {
        return PolicyStatement.trust(
                "EksIrsaService",
                Map.of("Service", List.of(service)),
                List.of("sts:AssumeRole"),
                "eks.amazonaws.com".equals(service)
                        ? Map.of("StringEquals", Map.of("aws:SourceAccount", List.of(accountId)))
                        : Map.of());
    }

    /**
     * The trust of a service role, as JSON written by Jackson. EKS's cluster role carries {@code aws:SourceAccount}
     * (AWS's confused-deputy advice for EKS): only EKS acting for this account may assume it.
     */
    static String serviceTrust(String service, String accountId) {
        return PolicyDocument.of(List.of(serviceStatement(service, accountId))).toJson();
    }
}
