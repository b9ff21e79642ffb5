package dev.eksirsa.engine.aws.iam;

import dev.eksirsa.engine.aws.AwsErrors;
import dev.eksirsa.engine.aws.iam.policy.MalformedPolicyException;
import dev.eksirsa.engine.aws.iam.policy.PolicyDocument;
import dev.eksirsa.engine.aws.iam.policy.PolicyJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/** Reads a role with its tags, trust policy, inline policies and attachments: reads only. */
public final class RoleReader {
    private final IamClient iam;

    public static RoleReader of(dev.eksirsa.engine.aws.AwsClients aws) {
        return new RoleReader(aws.iam());
    }

    public RoleReader(IamClient iam) {
        this.iam = iam;
    }

    public Optional<ActualRole> read(String roleName) {
        Role role;
        try {
            role = iam.getRole(b -> b.roleName(roleName)).role();
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            throw AwsErrors.translate("reading IAM role " + roleName, e);
        }
        String arn = role.arn();
        // GetRole answers the role's tags (all of them, at most 50): no ListRoleTags call, no iam:ListRoleTags grant
        Map<String, String> tags = new LinkedHashMap<>();
        role.tags().forEach(t -> tags.put(t.key(), t.value()));
        Map<String, PolicyDocument> inline = new LinkedHashMap<>();
        for (String name : AwsErrors.call(
                "listing inline policies of IAM role " + arn,
                () -> iam.listRolePoliciesPaginator(b -> b.roleName(roleName)).policyNames().stream()
                        .toList())) {
            String document = AwsErrors.call(
                            "reading inline policy " + name + " of IAM role " + arn,
                            () -> iam.getRolePolicy(b -> b.roleName(roleName).policyName(name)))
                    .policyDocument();
            inline.put(name, parse(document, "inline policy " + name + " of " + arn));
        }
        Set<String> attached = AwsErrors.call(
                "listing attached policies of IAM role " + arn,
                () -> iam.listAttachedRolePoliciesPaginator(b -> b.roleName(roleName)).attachedPolicies().stream()
                        .map(AttachedPolicy::policyArn)
                        .collect(Collectors.toSet()));
        return Optional.of(new ActualRole(
                role.roleName(),
                arn,
                role.path(),
                role.description(),
                role.maxSessionDuration(),
                role.permissionsBoundary() == null
                        ? null
                        : role.permissionsBoundary().permissionsBoundaryArn(),
                tags,
                parse(role.assumeRolePolicyDocument(), "trust policy of " + arn),
                inline,
                attached));
    }

    private static PolicyDocument parse(String document, String what) {
        try {
            return PolicyJson.parseFromIam(document);
        } catch (MalformedPolicyException e) {
            throw new dev.eksirsa.engine.api.EksIrsaException(
                    "IAM returned a " + what + " eks-irsa cannot read: " + e.getMessage());
        }
    }
}
