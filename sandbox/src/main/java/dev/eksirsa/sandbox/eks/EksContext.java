package dev.eksirsa.sandbox.eks;

import dev.eksirsa.sandbox.account.Caller;
import dev.eksirsa.sandbox.ec2.DefaultNetworks;
import dev.eksirsa.sandbox.iam.Authorizer;
import dev.eksirsa.sandbox.iam.IamStore;
import dev.eksirsa.sandbox.iam.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What every EKS operation needs: region, clock, IAM, the cluster state and the configured delays. */
record EksContext(
        String region,
        Clock clock,
        IamStore iam,
        Authorizer authorizer,
        EksClusters clusters,
        DefaultNetworks networks,
        Duration clusterActivationDelay,
        Duration nodegroupActivationDelay) {

    Instant now() {
        return clock.instant();
    }

    String clusterArn(String accountId, String name) {
        return "arn:aws:eks:" + region + ":" + accountId + ":cluster/" + name;
    }

    /** Evaluates the caller's policies for the action on the resource; AccessDeniedException otherwise. */
    void authorize(Caller caller, String action, String resourceArn) {
        authorizer.authorize(caller, action, resourceArn, Map.of("aws:RequestedRegion", List.of(region)));
    }

    /** EKS passes the role to a service: the caller needs iam:PassRole on it. */
    void authorizePassRole(Caller caller, String roleArn) {
        authorizer.authorize(
                caller,
                "iam:PassRole",
                roleArn,
                Map.of("iam:PassedToService", List.of("eks.amazonaws.com"), "aws:RequestedRegion", List.of(region)));
    }

    Cluster requireCluster(Caller caller, String name) {
        return clusters.find(caller.accountId(), name).orElseThrow(() -> EksErrors.clusterNotFound(name));
    }

    /**
     * The role must exist and trust the service, as EKS checks before it creates anything.
     *
     * @param label how EKS names the role in its message: {@code clusterRole} or {@code nodeRole}
     */
    void requireServiceRole(String roleArn, String servicePrincipal, String label) {
        if (!roleArn.matches("^arn:aws[a-z-]*:iam::\\d{12}:role/.+$")) {
            throw EksErrors.invalidParameter("Invalid " + label + " arn: " + roleArn);
        }
        Role role = iam.role(roleArn)
                .orElseThrow(() -> EksErrors.invalidParameter(
                        "The role with name " + Principals.name(roleArn) + " cannot be found."));
        if (!RoleTrust.trustsService(role.trustPolicyJson, servicePrincipal)) {
            throw EksErrors.invalidParameter("Following required service principals [" + servicePrincipal
                    + "] were not found in the trust relationships of " + label + " " + roleArn);
        }
    }
}
