package dev.eksirsa.engine.role;

import dev.eksirsa.engine.api.ConnectionRef;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.aws.iam.Tags;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cross-account role the IRSA role may assume (the runbook's Role-2), reached with its own connection. It is
 * made to trust exactly the IRSA role's ARN, optionally with {@code sts:ExternalId}.
 *
 * @param connection how to reach the target account, by reference; resolved when the step runs
 * @param path null for {@code /}
 * @param maxSessionDuration null to leave it (a new role gets IAM's default, 3600); otherwise at most 3600: the
 *     target is only reached by role chaining, which AWS caps at 1 hour whatever the role allows, so a larger value
 *     would promise sessions nobody on this chain can get
 */
public record TargetRoleSpec(
        String roleName,
        ConnectionRef connection,
        String path,
        String description,
        Integer maxSessionDuration,
        List<String> policyArns,
        Map<String, String> inlinePolicies,
        String externalId,
        Map<String, String> tags) {
    /** AWS limits a session obtained with another role's session credentials to 1 hour. */
    public static final int CHAINED_SESSION_CAP = 3600;

    public TargetRoleSpec {
        IamNames.roleName("targetRoles.roleName", roleName);
        if (connection == null) {
            throw new InvalidInputException(
                    "targetRoles.connection", "is required (profile, roleArn or credentialsEnv)");
        }
        path = IamNames.path("targetRoles.path", path == null ? "/" : path);
        IamNames.description("targetRoles.description", description);
        IamNames.maxSessionDuration("targetRoles.maxSessionDuration", maxSessionDuration);
        if (maxSessionDuration != null && maxSessionDuration > CHAINED_SESSION_CAP) {
            throw new InvalidInputException(
                    "targetRoles.maxSessionDuration",
                    "is " + maxSessionDuration + " s, but target role " + roleName + " is assumed with the IRSA"
                            + " role's session credentials (role chaining), and AWS caps a chained session at 1 hour"
                            + " whatever the role's MaxSessionDuration; use 3600 or leave it unset");
        }
        policyArns = List.copyOf(policyArns == null ? List.of() : policyArns);
        policyArns.forEach(p -> IamNames.managedPolicyArn("targetRoles.policyArns", p));
        inlinePolicies = Map.copyOf(inlinePolicies == null ? Map.of() : inlinePolicies);
        InlinePolicies.parse("targetRoles.inlinePolicies", inlinePolicies);
        IamNames.externalId("targetRoles.externalId", externalId);
        tags = Map.copyOf(Tags.validate("targetRoles.tags", tags));
    }

    public static TargetRoleSpec of(String roleName, ConnectionRef connection, List<String> policyArns) {
        return new TargetRoleSpec(roleName, connection, null, null, null, policyArns, null, null, null);
    }

    public TargetRoleSpec withExternalId(String value) {
        return new TargetRoleSpec(
                roleName, connection, path, description, maxSessionDuration, policyArns, inlinePolicies, value, tags);
    }

    public TargetRoleSpec withInlinePolicies(Map<String, String> value) {
        return new TargetRoleSpec(
                roleName, connection, path, description, maxSessionDuration, policyArns, value, externalId, tags);
    }

    @Override
    public String toString() {
        return "TargetRoleSpec[roleName=" + roleName + ", path=" + path + ", policyArns=" + policyArns
                + ", inlinePolicies=" + inlinePolicies.keySet() + ", externalId="
                + (externalId == null ? "none" : "****")
                + ", connection=" + Objects.toString(connection) + "]";
    }
}
